using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>A logger provider that keeps every event the server logs, for tests that assert what was logged.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    public IReadOnlyCollection<LoggedEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector collector, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            collector._events.Enqueue(new LoggedEvent(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
