namespace AuthServer.Data;

/// <summary>A random secret the server generates once and shares between restarts and instances.</summary>
public sealed class ServerSecret
{
    public required string Name { get; init; }

    /// <summary>The secret, encrypted with ASP.NET Core Data Protection.</summary>
    public required string ProtectedValue { get; init; }

    public DateTime CreatedAtUtc { get; init; }
}
