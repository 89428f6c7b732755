package org.banzi.organization;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports units from XLSX or CSV ({@code code, name, type, parent_code}). Every row is checked first; if any is bad,
 * every error is reported and nothing is written. Rows are matched by code, so importing the same file again changes
 * nothing. A row with no parent code hangs under the root (or is the root).
 */
@Service
public class UnitImporter {

	static final List<Column> COLUMNS = List.of(Column.required("code", "编码", "单位编码"),
			Column.required("name", "名称", "单位名称"), Column.required("type", "类型", "单位类型").choices(UnitType.class),
			Column.optional("parent_code", "上级编码", "上级单位编码"));
	private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	private final TabularReader reader;
	private final UnitRepository units;
	private final Units queries;
	private final ImportAudit imports;
	private final MessageSource messages;

	UnitImporter(TabularReader reader, UnitRepository units, Units queries, ImportAudit imports,
			MessageSource messages) {
		this.reader = reader;
		this.units = units;
		this.queries = queries;
		this.imports = imports;
		this.messages = messages;
	}

	private record Row(int number, String code, String name, UnitType type, String parentCode) {
	}

	@Transactional
	public ImportReport importFile(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, COLUMNS, locale);
		if (!sheet.errors().isEmpty()) {
			return failed(filename, sheet.errors());
		}
		units.lockTree();
		SheetImport.Rows<Row> checked = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			String code = row.text("code");
			String name = row.text("name");
			String typeText = row.text("type");
			if (code.isEmpty()) {
				problems.add(new FieldProblem("code", "import.error.required"));
			}
			else if (!CODE.matcher(code).matches()) {
				problems.add(new FieldProblem("code", "unit.code.pattern"));
			}
			if (name.isEmpty()) {
				problems.add(new FieldProblem("name", "import.error.required"));
			}
			else if (name.length() > 200) {
				problems.add(new FieldProblem("name", "unit.name.tooLong"));
			}
			UnitType type = typeText.isEmpty() ? null : UnitType.parse(typeText).orElse(null);
			if (type == null) {
				problems.add(new FieldProblem("type", "unit.type.invalid", typeText));
			}
			return problems.isEmpty() ? Checked.of(new Row(row.number(), code, name, type, row.text("parent_code")))
					: Checked.refused(problems);
		}, Row::code, "code");
		ImportErrors errors = checked.errors();
		List<Row> rows = checked.valid();
		Tree tree = new Tree(units);
		Scope scope = queries.scopeOf(user);
		Unit root = queries.root();
		Map<String, Row> byCode = new LinkedHashMap<>();
		rows.forEach(row -> byCode.put(row.code(), row));
		for (Row row : rows) {
			checkRow(row, byCode, tree, scope, root, errors);
		}
		if (!errors.isEmpty()) {
			return failed(filename, errors);
		}
		return write(rows, byCode, tree, root, filename);
	}

	private void checkRow(Row row, Map<String, Row> file, Tree tree, Scope scope, Unit root, ImportErrors errors) {
		Unit existing = tree.byCode(row.code());
		if (existing != null && !scope.contains(existing)) {
			errors.add(row.number(), "code", "import.error.outOfScope", row.code());
			return;
		}
		String parentCode = parentCodeOf(row, existing, root);
		if (parentCode == null) {
			return;
		}
		if (parentCode.equals(row.code())) {
			errors.add(row.number(), "parent_code", "unit.move.cycle", row.code(), parentCode);
			return;
		}
		Unit dbParent = tree.byCode(parentCode);
		if (dbParent == null && !file.containsKey(parentCode)) {
			errors.add(row.number(), "parent_code", "import.error.unknownParent", parentCode);
			return;
		}
		boolean parentChanges = existing == null || !Objects.equals(existing.parentId(), dbParent == null ? null : dbParent.id());
		if (parentChanges && dbParent != null && !scope.contains(dbParent)) {
			errors.add(row.number(), "parent_code", "import.error.outOfScope", parentCode);
			return;
		}
		if (parentChanges && existing != null && (existing.id() == scope.rootId() || existing.isRoot())) {
			errors.add(row.number(), "parent_code", "unit.move.ownScope");
			return;
		}
		// walk up from the new parent through the tree as it will be: meeting the row's own unit means a cycle
		Set<String> visited = new HashSet<>();
		String current = parentCode;
		while (current != null && visited.add(current)) {
			if (current.equals(row.code())) {
				errors.add(row.number(), "parent_code", "unit.move.cycle", row.code(), parentCode);
				return;
			}
			Row inFile = file.get(current);
			current = inFile != null ? parentCodeOf(inFile, tree.byCode(current), root) : tree.parentCode(current);
		}
	}

	/** The parent a row asks for; blank means the root, unless the row is the root itself. */
	private static @Nullable String parentCodeOf(Row row, @Nullable Unit existing, Unit root) {
		if (!row.parentCode().isEmpty()) {
			return row.parentCode();
		}
		if (row.code().equals(root.code()) || (existing != null && existing.isRoot())) {
			return null;
		}
		return root.code();
	}

	private ImportReport write(List<Row> rows, Map<String, Row> file, Tree tree, Unit root, String filename) {
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (Row row : parentsFirst(rows, file, tree, root)) {
			Unit existing = tree.byCode(row.code());
			String parentCode = parentCodeOf(row, existing, root);
			Unit parent = parentCode == null ? null : tree.byCode(parentCode);
			if (existing == null) {
				tree.put(units.insert(row.code(), row.name(), row.type(), parent));
				changes.inserted(row.code(), unitValues(row.name(), row.type(), parentCode));
				continue;
			}
			Map<String, Object> before = unitValues(existing.name(), existing.type(), tree.parentCode(existing.code()));
			boolean changed = false;
			if (!existing.name().equals(row.name()) || existing.type() != row.type()) {
				units.update(existing.id(), existing.code(), row.name(), row.type());
				changed = true;
			}
			if (parent != null && !Objects.equals(existing.parentId(), parent.id())) {
				units.move(units.findById(existing.id()).orElseThrow(), parent);
				changed = true;
			}
			if (changed) {
				tree.put(units.findById(existing.id()).orElseThrow());
				changes.updated(row.code(), before, unitValues(row.name(), row.type(), parent == null ? before.get("parent") : parent.code()));
			}
			else {
				unchanged++;
			}
		}
		return imports.done(UnitService.AUDIT_TYPE, filename, root.id(), changes, unchanged);
	}

	private static Map<String, Object> unitValues(String name, UnitType type, @Nullable Object parentCode) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("type", type.name());
		values.put("parent", parentCode);
		return values;
	}

	/** Orders rows so that a row whose parent is also in the file comes after it. */
	private static List<Row> parentsFirst(List<Row> rows, Map<String, Row> file, Tree tree, Unit root) {
		Map<String, List<Row>> childrenInFile = new HashMap<>();
		Deque<Row> ready = new ArrayDeque<>();
		for (Row row : rows) {
			String parentCode = parentCodeOf(row, tree.byCode(row.code()), root);
			if (parentCode != null && file.containsKey(parentCode)) {
				childrenInFile.computeIfAbsent(parentCode, key -> new ArrayList<>()).add(row);
			}
			else {
				ready.add(row);
			}
		}
		List<Row> ordered = new ArrayList<>(rows.size());
		while (!ready.isEmpty()) {
			Row row = ready.poll();
			ordered.add(row);
			ready.addAll(childrenInFile.getOrDefault(row.code(), List.of()));
		}
		return ordered;
	}

	private ImportReport failed(String filename, ImportErrors errors) {
		return imports.refused(UnitService.AUDIT_TYPE, filename, errors);
	}

	/** The units as stored, loaded once for the whole import. */
	private static final class Tree {

		private final Map<String, Unit> byCode = new HashMap<>();
		private final Map<Long, Unit> byId = new HashMap<>();

		Tree(UnitRepository units) {
			units.forEachInSubtree(new Scope(0, "/"), true, this::put);
		}

		void put(Unit unit) {
			byCode.put(unit.code(), unit);
			byId.put(unit.id(), unit);
		}

		@Nullable Unit byCode(String code) {
			return byCode.get(code);
		}

		@Nullable String parentCode(String code) {
			Unit unit = byCode.get(code);
			if (unit == null || unit.parentId() == null) {
				return null;
			}
			return byId.get(unit.parentId()).code();
		}
	}
}
