namespace AuthServer.Data;

/// <summary>Work that one instance of a deployment does at a time; each is one PostgreSQL advisory lock.</summary>
public enum DeploymentWork
{
    /// <summary>Migrating the database and creating the first Data Protection key.</summary>
    Startup = 1,

    /// <summary>Creating a due signing key.</summary>
    SigningKeys = 2,

    /// <summary>A pruning pass.</summary>
    Pruning = 3,

    /// <summary>
    /// A change that could leave no enabled administrator (removing the admin role, disabling a user), so that two
    /// administrators removing each other at once cannot both pass the last-administrator check.
    /// </summary>
    AdministratorChange = 4,
}
