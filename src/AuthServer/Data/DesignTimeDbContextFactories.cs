using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AuthServer.Data;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteAuthDbContext</c> build the model without starting the app.</summary>
internal sealed class DesignTimeSqliteDbContextFactory : IDesignTimeDbContextFactory<SqliteAuthDbContext>
{
    public SqliteAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresAuthDbContext</c> build the model; it connects to nothing.</summary>
internal sealed class DesignTimePostgresDbContextFactory : IDesignTimeDbContextFactory<PostgresAuthDbContext>
{
    public PostgresAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAuthDbContext>().UseNpgsql("Host=localhost;Database=authserver_design_time").Options);
}
