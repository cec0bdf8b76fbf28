using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AuthServer.Data;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.ToUniversalTime(),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
