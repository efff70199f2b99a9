using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Operations;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Operations;

/// <summary>
/// What model calls cost, by endpoint and model, as the ledger priced them (meter <c>PluginBot.Costs</c>). Read from
/// the ledger at scrape time (at most twice a minute), counting only finished rows, so the total only grows and a
/// restart loses nothing. A hosted service only so that it exists from the start.
/// </summary>
internal sealed class CostsMetrics : IHostedService, IDisposable
{
    public const string MeterName = MetricNames.MeterPrefix + "Costs";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Meter _meter;
    private (IReadOnlyList<Measurement<double>> Values, long At)? _last;

    public CostsMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        (_scopes, _time) = (scopes, time);
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter(MetricNames.ModelCost, Spent, "USD", "What model calls cost as the ledger priced them, by endpoint and model.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private IReadOnlyList<Measurement<double>> Spent()
    {
        lock (_gate)
        {
            // A clock that went back (a test clock, a changed system clock) makes the reading stale, not eternal.
            if (_last is { } last && _time.GetElapsedTime(last.At) is var age && age >= TimeSpan.Zero && age < Lifetime)
            {
                return last.Values;
            }

            try
            {
                using var scope = _scopes.CreateScope();
                var values = scope.ServiceProvider.GetRequiredService<CostsDbContext>().Ledger.AsNoTracking()
                    .Where(r => r.Status != LedgerStatus.Running)
                    .GroupBy(r => new { r.Endpoint, r.Model })
                    .Select(g => new { g.Key.Endpoint, g.Key.Model, Micros = g.Sum(r => r.CostMicros) })
                    .ToList()
                    .Select(g => new Measurement<double>((double)Usd.FromMicros(g.Micros).Dollars,
                        new KeyValuePair<string, object?>("endpoint", g.Endpoint), new KeyValuePair<string, object?>("model", g.Model)))
                    .ToList();
                _last = (values, _time.GetTimestamp());
                return values;
            }
            catch (System.Data.Common.DbException)
            {
                return _last?.Values ?? []; // a busy database must not fail the scrape
            }
        }
    }
}
