package com.bohe.content.api;

import java.util.List;

/** Input that passed type conversion but breaks a rule (unknown sort field, malformed filter value). */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.errors = List.of(new Problem.FieldError(field, message));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
