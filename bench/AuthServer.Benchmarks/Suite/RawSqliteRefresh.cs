using System.Diagnostics;
using System.Security.Cryptography;
using AuthServer.Benchmarks.Load;
using Microsoft.Data.Sqlite;

namespace AuthServer.Benchmarks.Suite;

/// <summary>
/// The baseline of <c>refresh</c>: the SQL of a rotation without the web stack, EF Core or signing, on one connection to a
/// copy of the suite server's database (the real schema and indexes, WAL, <c>synchronous=NORMAL</c>): read the presented
/// token with its session, user and roles, hash a new token, then one <c>BEGIN IMMEDIATE</c> transaction that touches the
/// session, consumes the token with a compare-and-set and inserts its successor. It runs the suite's chains in turn; SQLite
/// has one writer, so one connection is its ceiling.
/// </summary>
internal sealed class RawSqliteRefresh : IDisposable
{
    private const string Read = """
        SELECT t.Id, t.SessionId, t.ExpiresAtUtc, t.ConsumedAtUtc, s.*, u.*, r.Name
        FROM RefreshTokens t JOIN Sessions s ON s.Id = t.SessionId JOIN Users u ON u.Id = s.UserId
        LEFT JOIN UserRoles r ON r.UserId = u.Id
        WHERE t.TokenHash = $hash
        """;

    private const string Write = """
        UPDATE Sessions SET LastUsedAtUtc = $now, RefreshExpiresAtUtc = $expires WHERE Id = $session AND RevokedAtUtc IS NULL;
        UPDATE RefreshTokens SET ConsumedAtUtc = $now, ReplacedById = $successor WHERE Id = $token AND ConsumedAtUtc IS NULL;
        INSERT INTO RefreshTokens (Id, SessionId, TokenHash, IssuedAtUtc, ExpiresAtUtc) VALUES ($successor, $session, $successorHash, $now, $expires);
        """;

    private readonly TemporaryFolder _folder;
    private readonly SqliteConnection _connection;
    private readonly byte[][] _heads;

    private RawSqliteRefresh(TemporaryFolder folder, SqliteConnection connection, byte[][] heads)
    {
        _folder = folder;
        _connection = connection;
        _heads = heads;
    }

    /// <summary>Copies the database at <paramref name="databasePath"/> (it may be in use) and finds <paramref name="chains"/> live tokens in it.</summary>
    public static RawSqliteRefresh Open(string databasePath, int chains)
    {
        var folder = new TemporaryFolder();
        var copy = Path.Combine(folder.Path, "raw.db");
        using (var source = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        using (var destination = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
        }

        var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        using var heads = connection.CreateCommand();
        heads.CommandText = "SELECT TokenHash FROM RefreshTokens WHERE ConsumedAtUtc IS NULL LIMIT $chains";
        heads.Parameters.AddWithValue("$chains", chains);
        using var reader = heads.ExecuteReader();
        var found = new List<byte[]>();
        while (reader.Read())
        {
            found.Add((byte[])reader[0]);
        }

        return new RawSqliteRefresh(folder, connection, [.. found]);
    }

    public double RotationsPerSecond(TimeSpan duration)
    {
        using var read = Command(Read, "$hash");
        using var begin = Command("BEGIN IMMEDIATE");
        using var write = Command(Write, "$now", "$expires", "$session", "$successor", "$token", "$successorHash");
        using var commit = Command("COMMIT");
        var rotations = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var chain = rotations % _heads.Length;
            read.Parameters[0].Value = _heads[chain];
            string token, session;
            using (var reader = read.ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new InvalidOperationException("A chain's token is gone.");
                }

                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                (token, session) = (reader.GetString(0), reader.GetString(1));
                while (reader.Read())
                {
                    reader.GetValues(row);
                }
            }

            var successorHash = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
            var now = DateTime.UtcNow;
            begin.ExecuteNonQuery();
            write.Parameters[0].Value = now;
            write.Parameters[1].Value = now.AddDays(7);
            write.Parameters[2].Value = session;
            write.Parameters[3].Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
            write.Parameters[4].Value = token;
            write.Parameters[5].Value = successorHash;
            write.ExecuteNonQuery();
            commit.ExecuteNonQuery();
            _heads[chain] = successorHash;
            rotations++;
        }

        return rotations / watch.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
