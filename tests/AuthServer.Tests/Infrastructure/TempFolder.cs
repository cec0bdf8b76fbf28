using Microsoft.Data.Sqlite;

namespace AuthServer.Tests.Infrastructure;

/// <summary>A folder that outlives several factories, for restart tests.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("authserver-tests-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
