namespace AuthServer.Users;

public enum RegistrationFailure
{
    PolicyViolation,
    UsernameTaken,
}
