using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthServer.Data.Configurations;

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> builder)
    {
        builder.ToTable("UserRoles");
        // One row per user and role: granting twice is one row, and the key finds a user's roles.
        builder.HasKey(r => new { r.UserId, r.Name });
        builder.Property(r => r.Name).HasMaxLength(RoleName.MaxLength);
        // Who holds a role (the last-administrator rule counts them).
        builder.HasIndex(r => r.Name);
    }
}
