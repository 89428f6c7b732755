/**
 * Integrity and self-discipline (Section I.5 of the seed): personal matters reports and their checks (查核), wedding,
 * funeral and other event filings against the county's rules (working days by the county's holiday calendar), and
 * tip-offs. The most sensitive data in Banzi: an inspector or county administrator works within their scope, a
 * cadre sees their own, everyone else is answered 404; every read is audited; contents are encrypted at rest; the
 * informant of a tip-off is shown to the inspector alone. Publishes {@link org.banzi.integrity.TipOffSubstantiated}
 * when a tip-off is found partly or fully true. Contributes part 5 of the annual summary, in counts only, through
 * {@link org.banzi.integrity.IntegrityFigures}.
 */
@ApplicationModule(displayName = "Integrity", allowedDependencies = { "platform", "audit", "organization", "rules", "cadres" })
@NullMarked
package org.banzi.integrity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
