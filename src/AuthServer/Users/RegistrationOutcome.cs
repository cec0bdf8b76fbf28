namespace AuthServer.Users;

public sealed record RegistrationOutcome(User? User, RegistrationFailure? Failure, string? Description)
{
    public static RegistrationOutcome Registered(User user) => new(user, null, null);

    public static RegistrationOutcome Refused(RegistrationFailure failure, string description) => new(null, failure, description);
}
