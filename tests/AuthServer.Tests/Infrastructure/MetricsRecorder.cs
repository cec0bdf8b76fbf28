using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Records what one server's <c>AuthServer</c> meter reports, and nothing from servers of other tests.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsRecorder(IServiceProvider services)
    {
        // Meters from the server's own IMeterFactory carry it as their scope; other servers in this process have their own.
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AuthServer" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>The sum of a counter's measurements, only those with the tag when one is given.</summary>
    public long Sum(string instrument, string? tag = null, string? value = null) => _measurements
        .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))))
        .Sum(m => m.Value);

    /// <summary>Reads the observable instruments now and returns the gauge's value, or null if it reported none.</summary>
    public long? Observe(string gauge)
    {
        _listener.RecordObservableInstruments();
        return _measurements.LastOrDefault(m => m.Instrument == gauge)?.Value;
    }

    public void Dispose() => _listener.Dispose();

    private sealed record Measurement(string Instrument, long Value, KeyValuePair<string, object?>[] Tags);
}
