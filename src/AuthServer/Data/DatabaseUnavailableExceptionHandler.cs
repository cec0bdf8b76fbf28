using AuthServer.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AuthServer.Data;

/// <summary>
/// A database that is briefly out of reach (a deadlock or serialization failure still failing after the retries, a
/// dropped connection, SQLite's busy timeout) is answered 503 <c>temporarily_unavailable</c> with <c>Retry-After</c>,
/// not 500: the client may simply try again, and nothing was written, since each write is one transaction.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        logger.DatabaseUnavailable(exception);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "1";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsJsonAsync(
            new AuthError(AuthErrors.TemporarilyUnavailableCode, "The server cannot reach its database for a moment; try again."), cancellationToken);
        return true;
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        RetryLimitExceededException => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
