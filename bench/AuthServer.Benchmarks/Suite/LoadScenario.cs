using System.Net.Sockets;
using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// A closed-loop HTTP scenario: each worker has its own keep-alive connection and sends its next request when the previous
/// one is answered. <c>send</c> sends worker w's next request and returns whether the answer was the expected one. The
/// connections stay open from round to round; one the server closes is opened again and its request counts as an error.
/// </summary>
internal sealed class LoadScenario(string name, Uri server, int workers, Func<int, RawHttpConnection, Task<bool>> send) : IDisposable
{
    private readonly RawHttpConnection?[] _connections = new RawHttpConnection?[workers];

    public string Name => name;

    public Task<LoadResult> RunAsync(TimeSpan duration) =>
        ClosedLoop.RunAsync(workers, duration, async worker =>
        {
            try
            {
                return await send(worker, _connections[worker] ??= await RawHttpConnection.OpenAsync(server));
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                _connections[worker]?.Dispose();
                _connections[worker] = null;
                return false;
            }
        });

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection?.Dispose();
        }
    }
}
