namespace AuthServer.SigningKeys;

public static class SigningAlgorithms
{
    public const string ES256 = "ES256";
    public const string RS256 = "RS256";
    public const string HS256 = "HS256";
}
