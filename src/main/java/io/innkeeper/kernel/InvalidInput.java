package io.innkeeper.kernel;

/** Bad input from a user or API client; pages show the messages next to their fields, the API as problem+json. */
public class InvalidInput extends RuntimeException {

    private final FieldErrors errors;

    public InvalidInput(FieldErrors errors) {
        super("invalid input: " + errors.asMap());
        this.errors = errors;
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(new FieldErrors().add(field, message));
    }

    public FieldErrors errors() {
        return errors;
    }
}
