package org.banzi.study;

/** One thing wrong with a form or an import row: the field, the message key and its arguments. */
record StudyProblem(String field, String messageKey, Object... arguments) {
}
