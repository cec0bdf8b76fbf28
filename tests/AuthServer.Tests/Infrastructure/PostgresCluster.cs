using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's <c>postgresql</c> package: <c>initdb</c> (as the <c>postgres</c> user when
/// the tests run as root) into a temporary folder, started on a free port of 127.0.0.1 on first use, stopped and
/// deleted when the test process exits. Each <c>TestStorage</c> gets a fresh database in it.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Instance = new(Start);

    private readonly string _folder;
    private readonly string _binaries;

    private PostgresCluster(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    public static PostgresCluster Shared => Instance.Value;

    public int Port { get; }

    /// <summary>Creates an empty database and returns the connection string an app uses for it.</summary>
    public string CreateDatabase()
    {
        var name = $"authserver_test_{Guid.NewGuid():N}"[..32];
        Execute($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, ending any connection still open to it.</summary>
    public void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        Execute($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser against the maintenance database.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=30;Connection Idle Lifetime=10;Include Error Detail=true";

    private static PostgresCluster Start()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: the PostgreSQL tests need Debian's postgresql package (sudo apt-get install postgresql).");
        var folder = Directory.CreateTempSubdirectory("authserver-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(binaries, "initdb"), ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-locale", "--no-sync"], asRoot);
        var port = FreePort();
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c max_connections=500 " +
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", settings, "-w", "start"], asRoot);
        var cluster = new PostgresCluster(folder, binaries, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot);
        return cluster;
    }

    private void Stop(bool asRoot)
    {
        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], asRoot);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions
            .Select(v => Path.Combine(v, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var version) ? version : 0)
            .FirstOrDefault();
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}: {output.Result}{error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
