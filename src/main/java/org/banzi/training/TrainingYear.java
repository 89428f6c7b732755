package org.banzi.training;

import java.time.LocalDate;
import java.util.List;

import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.springframework.stereotype.Component;

/** A cadre's training in a year, for the duty report: hours credited by the absence rule, classes completed. */
@Component
class TrainingYear implements CadreYearContribution {

	private final TrainingRecords records;

	TrainingYear(TrainingRecords records) {
		this.records = records;
	}

	@Override
	public int order() {
		return 110;
	}

	@Override
	public List<String> tables() {
		return List.of("training_class", "enrolment", "rule_definition", "rule_value");
	}

	@Override
	public List<CadreFigure> forCadre(long cadreId, int year, LocalDate day) {
		TrainingRecords.Credit credit = records.credit(cadreId, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
		String evidence = "/training/cadres?year=" + year + "&behindOnly=false";
		return List.of(new CadreFigure("training.hours", credit.hours(), evidence),
				CadreFigure.of("training.classesCompleted", credit.classesCompleted(), evidence));
	}
}
