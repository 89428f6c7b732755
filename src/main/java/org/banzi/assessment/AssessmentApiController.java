package org.banzi.assessment;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import org.banzi.platform.Access;
import org.banzi.platform.BadRequestException;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.tabular.Labelled;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The assessment cycle over the API: cycles, appraisal codes, results, ballots (by code, without an account), grades. */
@RestController
class AssessmentApiController {

	private final AssessmentService service;
	private final BallotBox box;

	AssessmentApiController(AssessmentService service, BallotBox box) {
		this.service = service;
		this.box = box;
	}

	record NewCycle(int year, String unit, LocalDate opens, LocalDate closes) {
	}

	@PostMapping("/api/assessment/cycles")
	@PreAuthorize(Access.COUNTY_ADMIN)
	ResponseEntity<Opened> open(@RequestBody NewCycle cycle) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Opened(service.openCycle(CurrentUsers.get(), cycle.year(), cycle.unit(), cycle.opens(), cycle.closes())));
	}

	/** A cycle opened: its id. */
	record Opened(long id) {
	}

	/** Signed grades: the hash of what was signed. */
	record Signed(String hash) {
	}

	@PostMapping("/api/assessment/cycles/{id}/close")
	@PreAuthorize(Access.COUNTY_ADMIN)
	ResponseEntity<Void> close(@PathVariable long id) {
		service.closeCycle(CurrentUsers.get(), id);
		return ResponseEntity.noContent().build();
	}

	record NewAppraisal(String unit, int voters) {
	}

	record Issued(long appraisal, List<String> tokens) {
	}

	@PostMapping("/api/assessment/cycles/{id}/appraisals")
	@PreAuthorize(Access.COUNTY_ADMIN)
	ResponseEntity<Issued> issue(@PathVariable long id, @RequestBody NewAppraisal appraisal) {
		Map.Entry<Long, List<String>> issued = service.issue(CurrentUsers.get(), id, appraisal.unit(), appraisal.voters());
		return ResponseEntity.status(HttpStatus.CREATED).body(new Issued(issued.getKey(), issued.getValue()));
	}

	@GetMapping("/api/assessment/appraisals/{id}/results")
	@PreAuthorize(Access.COUNTY_ADMIN)
	AssessmentService.Results results(@PathVariable long id) {
		return service.results(CurrentUsers.get(), id);
	}

	/** The ballots of a closed appraisal, in the order of their random ids: what a recount reads. */
	@GetMapping("/api/assessment/appraisals/{id}/ballots")
	@PreAuthorize(Access.COUNTY_ADMIN)
	List<BallotBox.Ballot> ballots(@PathVariable long id) {
		service.results(CurrentUsers.get(), id);
		return box.ballots(id);
	}

	record BallotJson(@Nullable String team, @Nullable Map<String, String> members, @Nullable String comment) {
	}

	@PostMapping("/api/ballots/{token}")
	@PermitAll
	ResponseEntity<Void> cast(@PathVariable String token, @RequestBody BallotJson ballot) {
		service.cast(token, marks(ballot));
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	static BallotBox.Marks marks(BallotJson ballot) {
		TeamGrade team = ballot.team() == null ? null : Labelled.parse(TeamGrade.class, ballot.team()).orElse(null);
		if (team == null) {
			throw new BadRequestException("assessment.ballot.teamGrade");
		}
		Map<String, Grade> members = new LinkedHashMap<>();
		(ballot.members() == null ? Map.<String, String>of() : ballot.members()).forEach((number, grade) -> members.put(number,
				Labelled.parse(Grade.class, grade).orElseThrow(() -> new BadRequestException("assessment.ballot.grade", grade))));
		return new BallotBox.Marks(team, members, ballot.comment() == null ? "" : ballot.comment());
	}

	record Proposal(@Nullable String cadre, @Nullable String unit, String grade) {
	}

	@PostMapping("/api/assessment/cycles/{id}/grades")
	@PreAuthorize(Access.COUNTY_ADMIN)
	ResponseEntity<Void> propose(@PathVariable long id, @RequestBody Proposal proposal) {
		Grade grade = Labelled.parse(Grade.class, proposal.grade()).orElseThrow(() -> new BadRequestException("assessment.ballot.grade",
				proposal.grade()));
		if (proposal.cadre() != null) {
			service.proposeCadre(CurrentUsers.get(), id, proposal.cadre(), grade);
		}
		else if (proposal.unit() != null) {
			service.proposeTeam(CurrentUsers.get(), id, proposal.unit(), grade);
		}
		else {
			throw new BadRequestException("assessment.grade.subject");
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/assessment/cycles/{id}/sign")
	@PreAuthorize(Access.COUNTY_ADMIN)
	Signed sign(@PathVariable long id) {
		return new Signed(service.sign(CurrentUsers.get(), id));
	}
}
