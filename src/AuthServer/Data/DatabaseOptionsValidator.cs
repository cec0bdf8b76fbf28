using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AuthServer.Data;

/// <summary>Refuses a connection string that does not fit the provider, such as the shipped SQLite file with <c>Postgres</c>.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionStringName} is not set: set it to a SQLite file (Data Source=…) or, with Database:Provider Postgres, an Npgsql connection string.");
        }

        try
        {
            return options.Provider switch
            {
                DatabaseProvider.Postgres when string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host) =>
                    ValidateOptionsResult.Fail("ConnectionStrings:AuthDb must be an Npgsql connection string (Host=…;Database=…;Username=…) when Database:Provider is Postgres."),
                DatabaseProvider.Sqlite when string.IsNullOrEmpty(new SqliteConnectionStringBuilder(connectionString).DataSource) =>
                    ValidateOptionsResult.Fail("ConnectionStrings:AuthDb must name a SQLite file (Data Source=data/authserver.db) when Database:Provider is Sqlite."),
                _ => ValidateOptionsResult.Success,
            };
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:AuthDb is not a valid {options.Provider} connection string.");
        }
    }
}
