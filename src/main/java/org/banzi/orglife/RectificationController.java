package org.banzi.orglife;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.tabular.UploadLimits;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rectification board (open, overdue, completed, verified; by source and owner; exported), an item's page with its
 * history and evidence, completion by the owner from a phone, verification and reopening by a unit administrator.
 */
@Controller
class RectificationController {

	private final OrgLifeRepository repository;
	private final OrgLifeService service;
	private final OrgLifeViews views;
	private final OrgLifeChecks checks;
	private final Cadres cadres;
	private final Units units;
	private final MessageSource messages;

	/** Attachments are read whole: they take no more than an import read whole. */
	private final UploadLimits limits;

	RectificationController(OrgLifeRepository repository, OrgLifeService service, OrgLifeViews views, OrgLifeChecks checks,
			Cadres cadres, Units units, MessageSource messages, UploadLimits limits) {
		this.limits = limits;
		this.repository = repository;
		this.service = service;
		this.views = views;
		this.checks = checks;
		this.cadres = cadres;
		this.units = units;
		this.messages = messages;
	}

	/** The board's items after its filters: status, source, owner's cadre number, year found or completed. */
	private List<RectificationItem> filtered(Unit place, String status, @Nullable String source, @Nullable String owner,
			@Nullable Integer foundIn, @Nullable Integer completedIn) {
		Long ownerId = owner == null || owner.isBlank() ? null : cadres.findByNo(owner.strip()).map(Cadre::id).orElse(-1L);
		return repository.items(new Scope(place.id(), place.path()), status, checks.today()).stream()
			.filter(i -> source == null || source.isBlank() || i.source().name().equals(source))
			.filter(i -> ownerId == null || i.ownerCadreId() == ownerId)
			.filter(i -> foundIn == null || i.foundOn().getYear() == foundIn)
			.filter(i -> completedIn == null || (i.completedOn() != null && i.completedOn().getYear() == completedIn))
			.toList();
	}

	@GetMapping("/orglife/rectifications")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String board(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "open") String status,
			@RequestParam(required = false) @Nullable String source, @RequestParam(required = false) @Nullable String owner,
			@RequestParam(required = false) @Nullable Integer foundIn, @RequestParam(required = false) @Nullable Integer completedIn,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Unit place = units.place(CurrentUsers.get(), unit);
		List<RectificationItem> items = filtered(place, status, source, owner, foundIn, completedIn);
		Page<RectificationItem> shown = Page.of(items, page, Page.size(50));
		model.addAttribute("page", shown);
		model.addAttribute("names", names(shown.items()));
		model.addAttribute("unitsById", views.units(new Scope(place.id(), place.path())));
		model.addAttribute("place", place);
		model.addAttribute("status", status);
		model.addAttribute("source", source);
		model.addAttribute("owner", owner);
		model.addAttribute("sources", RectificationSource.values());
		model.addAttribute("today", checks.today());
		return "orglife/rectifications";
	}

	private Map<Long, Cadre> names(List<RectificationItem> items) {
		Set<Long> ids = new HashSet<>();
		items.forEach(i -> ids.add(i.ownerCadreId()));
		return views.cadres(ids);
	}

	@GetMapping("/orglife/rectifications/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "open") String status,
			@RequestParam(required = false) @Nullable String source, @RequestParam(required = false) @Nullable String owner,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response) throws IOException {
		Unit place = units.place(CurrentUsers.get(), unit);
		List<RectificationItem> items = filtered(place, status, source, owner, null, null);
		Map<Long, Cadre> names = names(items);
		Map<Long, Unit> unitsById = views.units(new Scope(place.id(), place.path()));
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"rectifications." + type.extension() + "\"");
		List<String> header = OrgLifeImporter.ITEM_COLUMNS.stream().map(c -> c.header(locale)).toList();
		TabularWriter.write(type, header, sink -> items.forEach(i -> sink.accept(List.of(i.code(), unitsById.get(i.unitId()).code(),
				i.source().name(), i.foundOn(), i.problem(), names.get(i.ownerCadreId()).cadreNo(), i.deadline(), i.measures(),
				i.completedOn() == null ? "" : i.completedOn(), i.verifiedOn() == null ? "" : i.verifiedOn()))), response.getOutputStream());
	}

	@GetMapping("/orglife/rectifications/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newItem(@RequestParam String unit, @RequestParam(defaultValue = "LIFE_MEETING") String source,
			@RequestParam(defaultValue = "") String ref, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		model.addAttribute("form", new OrgLifeChecks.ItemInput("", place.code(), source, ref, checks.today(), "", "", "", null, null, null));
		return itemForm(place, model);
	}

	private String itemForm(Unit place, Model model) {
		model.addAttribute("place", place);
		model.addAttribute("sources", RectificationSource.values());
		return "orglife/rectification-form";
	}

	@PostMapping("/orglife/rectifications")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordItem(@RequestParam String unitCode, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String sourceRef,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate foundOn,
			@RequestParam(defaultValue = "") String problem, @RequestParam(defaultValue = "") String measures,
			@RequestParam(defaultValue = "") String ownerCadreNo,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate deadline, Model model,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		OrgLifeChecks.ItemInput input = new OrgLifeChecks.ItemInput(code, unitCode, source, sourceRef, foundOn, problem, measures,
				ownerCadreNo, deadline, null, null);
		Checked<Long> result = service.recordItem(user, input);
		if (result.ok()) {
			redirect.addFlashAttribute("flash", "orglife.item.recorded");
			redirect.addFlashAttribute("flashArgs", new Object[] { code });
			return "redirect:/orglife/rectifications/" + result.value();
		}
		model.addAttribute("form", input);
		model.addAttribute("problems", result.problems());
		return itemForm(place, model);
	}

	@GetMapping("/orglife/rectifications/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String item(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUsers.get();
		RectificationItem item = service.visibleItem(user, id);
		model.addAttribute("item", item);
		model.addAttribute("unit", units.findById(item.unitId()).orElseThrow());
		model.addAttribute("owner", cadres.findById(item.ownerCadreId()).orElseThrow());
		model.addAttribute("history", repository.history(id));
		model.addAttribute("evidence", repository.evidence(id));
		model.addAttribute("checkBacks", repository.reviewDates(id));
		model.addAttribute("owns", service.owns(user, item));
		model.addAttribute("manages", service.manages(user, item));
		model.addAttribute("today", checks.today());
		return "orglife/rectification";
	}

	@PostMapping("/orglife/rectifications/{id}/complete")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String complete(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate completedOn,
			@RequestParam(defaultValue = "") String note, @RequestParam(name = "file", required = false) @Nullable List<MultipartFile> files,
			RedirectAttributes redirect, Locale locale) throws IOException {
		List<OrgLifeRepository.File> evidence = new ArrayList<>();
		for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
			if (!file.isEmpty()) {
				limits.checkHeld(file.getSize());
				evidence.add(new OrgLifeRepository.File(String.valueOf(file.getOriginalFilename()),
						file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : file.getContentType(), file.getBytes()));
			}
		}
		return act(id, redirect, locale, "orglife.item.completed",
				() -> service.complete(CurrentUsers.get(), id, completedOn == null ? checks.today() : completedOn, note, evidence));
	}

	@PostMapping("/orglife/rectifications/{id}/verify")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String verify(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate verifiedOn,
			RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "orglife.item.verifiedDone",
				() -> service.verify(CurrentUsers.get(), id, verifiedOn == null ? checks.today() : verifiedOn));
	}

	@PostMapping("/orglife/rectifications/{id}/reopen")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String reopen(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect, Locale locale) {
		return act(id, redirect, locale, "orglife.item.reopened", () -> service.reopen(CurrentUsers.get(), id, reason));
	}

	/** Runs a step on an item; a step its rules refuse comes back to the item's page with the reason. */
	private String act(long id, RedirectAttributes redirect, Locale locale, String done, Runnable step) {
		try {
			step.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/orglife/rectifications/" + id;
	}

	@GetMapping("/orglife/rectifications/{id}/evidence/{evidence}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	ResponseEntity<byte[]> evidence(@PathVariable long id, @PathVariable long evidence) {
		service.visibleItem(CurrentUsers.get(), id);
		return OrgLifeController.download(repository.evidenceFile(id, evidence)
			.orElseThrow(() -> new NotFoundException("orglife.item.notFound", id)));
	}

	@GetMapping("/my/rectifications")
	@PreAuthorize("hasRole('CADRE')")
	String mine(Model model) {
		Cadre cadre = cadres.ownCadre(CurrentUsers.get()).orElseThrow(() -> new NotFoundException("cadre.notFound", "-"));
		model.addAttribute("items", repository.ownedBy(cadre.id()));
		model.addAttribute("cadre", cadre);
		model.addAttribute("today", checks.today());
		return "orglife/my-rectifications";
	}
}
