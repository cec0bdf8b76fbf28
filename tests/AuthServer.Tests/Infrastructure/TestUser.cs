namespace AuthServer.Tests.Infrastructure;

public sealed record TestUser(string Username, string Password)
{
    public const string DefaultPassword = "violet harbour lantern 7";

    /// <summary>A user no other test uses.</summary>
    public static TestUser Unique() => new($"user-{Guid.NewGuid():N}"[..20], DefaultPassword);
}
