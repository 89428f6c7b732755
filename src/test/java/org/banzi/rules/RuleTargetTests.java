package org.banzi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.banzi.platform.tabular.Column;
import org.junit.jupiter.api.Test;

/** A rule version's target, as an import reads it: its code or any label the template offers. */
class RuleTargetTests {

	@Test
	void everyLabelTheTemplateOffersReadsAsItsCode() {
		Column appliesTo = RuleImporter.COLUMNS.stream().filter(c -> c.name().equals("applies_to")).findFirst().orElseThrow();
		assertThat(appliesTo.choices()).contains("乡镇", "县处级", "乡科级及以下", "全部");
		assertThat(appliesTo.choices().stream().map(RuleImporter::target))
			.as("every label reads as one of the codes a version may name")
			.allMatch(code -> AppliesKind.UNIT_TYPE.targets().contains(code) || AppliesKind.RANK_LEVEL.targets().contains(code)
					|| code.equals("ALL"));
		assertThat(RuleImporter.target("乡镇")).isEqualTo("TOWNSHIP");
		assertThat(RuleImporter.target(" 县处级 ")).isEqualTo("COUNTY_LEVEL");
		assertThat(RuleImporter.target("乡科级")).isEqualTo("SECTION_LEVEL_AND_BELOW");
		assertThat(RuleImporter.target("全部")).isEqualTo("ALL");
		assertThat(RuleImporter.target("township")).isEqualTo("TOWNSHIP");
		assertThat(RuleImporter.target("镇里")).as("an unknown target is left for the rule's check to refuse").isEqualTo("镇里");
	}
}
