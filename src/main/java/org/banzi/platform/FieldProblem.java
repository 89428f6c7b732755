package org.banzi.platform;

/**
 * Why a record is refused: the field (a form's field, or the import column of the same name) and a message key with
 * its arguments, shown in the user's language.
 */
public record FieldProblem(String field, String messageKey, Object... arguments) {
}
