package org.banzi.orglife;

/** Why a record is refused: the field (or import column) and a message key with its arguments. */
record OrgLifeProblem(String field, String messageKey, Object... arguments) {
}
