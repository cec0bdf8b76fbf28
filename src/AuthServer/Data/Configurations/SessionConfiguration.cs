using AuthServer.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthServer.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAtUtc);
        builder.Property(s => s.RevocationReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.UserAgent).HasMaxLength(ClientInfo.MaxUserAgentLength);
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.Property(s => s.Scope).HasMaxLength(Session.MaxScopeLength);
        // Unique: an entry of a status list names one session, ever.
        builder.HasIndex(s => new { s.StatusList, s.StatusIndex }).IsUnique();
    }
}
