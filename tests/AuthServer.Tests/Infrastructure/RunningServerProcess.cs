using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The built server (<c>dotnet AuthServer.dll</c>, with the runtime configuration it ships with) running as its own
/// process on 127.0.0.1, for what only the real process shows: its globalization mode, its headers on Kestrel.
/// </summary>
public sealed class RunningServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly StringBuilder _output = new();

    private RunningServerProcess(Process process, TempFolder folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Client = new HttpClient { BaseAddress = address };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server in Production (an https issuer, plain http on loopback) with <paramref name="settings"/>, and waits until <c>/health</c> answers.</summary>
    public static async Task<RunningServerProcess> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = new TempFolder();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AuthServer.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__Issuer"] = "https://auth.test";
        start.Environment["Auth__Password__WorkFactor"] = "4";
        start.Environment["ConnectionStrings__AuthDb"] = $"Data Source={Path.Combine(folder.Path, "auth.db")}";
        start.Environment["Auth__KeyRingPath"] = Path.Combine(folder.Path, "keys");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var server = new RunningServerProcess(Process.Start(start)!, folder, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await server.Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (!server._process.HasExited && DateTime.UtcNow < deadline)
            {
            }

            if (server._process.HasExited || DateTime.UtcNow >= deadline)
            {
                var output = server.Output;
                await server.DisposeAsync();
                throw new InvalidOperationException("The server process did not come up:\n" + output);
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
