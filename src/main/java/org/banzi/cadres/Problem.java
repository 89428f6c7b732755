package org.banzi.cadres;

/** One thing wrong with a row or a form: the column, the message key and its arguments. */
record Problem(String column, String messageKey, Object... arguments) {
}
