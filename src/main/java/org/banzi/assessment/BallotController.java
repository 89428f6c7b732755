package org.banzi.assessment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.PermitAll;

import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ballot a voter opens from the code on the printed sheet, on a phone, without an account. Nothing about the voter
 * is kept: not the code with the ballot, not the session, the address or the time.
 */
@Controller
class BallotController {

	private final AssessmentService service;
	private final MessageSource messages;

	BallotController(AssessmentService service, MessageSource messages) {
		this.service = service;
		this.messages = messages;
	}

	@GetMapping("/ballot/{token}")
	@PermitAll
	String ballot(@PathVariable String token, Model model) {
		model.addAttribute("form", service.ballotForm(token));
		model.addAttribute("token", token);
		model.addAttribute("teamGrades", TeamGrade.values());
		model.addAttribute("grades", Grade.values());
		return "assessment/ballot";
	}

	@PostMapping("/ballot/{token}")
	@PermitAll
	String cast(@PathVariable String token, @RequestParam(defaultValue = "") String team, @RequestParam Map<String, String> all,
			Model model, Locale locale) {
		Map<String, String> members = new LinkedHashMap<>();
		all.forEach((name, value) -> {
			if (name.startsWith("member_") && !value.isBlank()) {
				members.put(name.substring("member_".length()), value);
			}
		});
		try {
			service.cast(token, AssessmentApiController.marks(new AssessmentApiController.BallotJson(team.isBlank() ? null : team, members,
					all.getOrDefault("comment", ""))));
			return "assessment/ballot-cast";
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (org.banzi.platform.ConflictException used) {
			model.addAttribute("used", true);
			return "assessment/ballot-cast";
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("error", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
			return ballot(token, model);
		}
	}
}
