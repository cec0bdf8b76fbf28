using AuthServer.StatusLists;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthServer.Data.Configurations;

internal sealed class StatusListCounterConfiguration : IEntityTypeConfiguration<StatusListCounter>
{
    public void Configure(EntityTypeBuilder<StatusListCounter> builder)
    {
        builder.ToTable("StatusListCounters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new StatusListCounter { Id = StatusListCounter.SingletonId, Allocated = 0 });
    }
}
