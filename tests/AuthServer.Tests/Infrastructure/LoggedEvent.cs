using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>One event the server logged, as <see cref="LogCollector"/> kept it.</summary>
public sealed record LoggedEvent(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
