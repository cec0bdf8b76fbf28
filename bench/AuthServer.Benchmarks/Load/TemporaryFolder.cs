namespace AuthServer.Benchmarks.Load;

/// <summary>A folder for a benchmark's files, deleted afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("authserver-bench-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
