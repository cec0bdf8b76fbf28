using AuthServer.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthServer.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Username).HasMaxLength(UsernamePolicy.MaxLength);
        builder.Property(u => u.NormalizedUsername).HasMaxLength(UsernamePolicy.MaxLength);
        builder.HasIndex(u => u.NormalizedUsername).IsUnique();
        builder.Property(u => u.PasswordHash).HasMaxLength(100);
        builder.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
