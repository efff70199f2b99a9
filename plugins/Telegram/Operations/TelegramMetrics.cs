using System.Diagnostics;
using System.Diagnostics.Metrics;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Telegram.Operations;

/// <summary>The Telegram transport's instruments (meter <c>PluginBot.Telegram</c>): updates in, Bot API calls out.</summary>
internal sealed class TelegramMetrics
{
    public const string MeterName = MetricNames.MeterPrefix + "Telegram";
    private static readonly KeyValuePair<string, object?> Transport = new("transport", "telegram");
    private readonly Counter<long> _received;
    private readonly Counter<long> _handled;

    public TelegramMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>(MetricNames.UpdatesReceived, "{update}", "Updates received and stored in the inbox (repeated deliveries not counted).");
        _handled = meter.CreateCounter<long>(MetricNames.UpdatesHandled, "{update}", "Updates handled to the end, by outcome.");
        FloodWaits = meter.CreateCounter<long>(MetricNames.TelegramFloodWaits, "{response}", "429 Too Many Requests answers from the Bot API, by method.");
        SendDuration = meter.CreateHistogram<double>(MetricNames.TelegramSendDuration, "s", "Bot API calls other than getUpdates, by method and HTTP status.");
    }

    public Counter<long> FloodWaits { get; }

    public Histogram<double> SendDuration { get; }

    public void Received(int count, bool polled)
    {
        if (count > 0)
        {
            _received.Add(count, Transport, new KeyValuePair<string, object?>("mode", polled ? "polling" : "webhook"));
        }
    }

    public void Handled(bool failed) => _handled.Add(1, Transport, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "handled"));
}

/// <summary>
/// Times every Bot API call and counts 429s, by method. Only the last path segment (the method) is read: the token is
/// part of every path and must never reach a metric.
/// </summary>
internal sealed class BotApiMetricsHandler(TelegramMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri?.Segments is [.., var last] ? last.Trim('/') : "unknown";
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if ((int)response.StatusCode == 429)
            {
                metrics.FloodWaits.Add(1, new KeyValuePair<string, object?>("method", method));
            }

            return response;
        }
        finally
        {
            if (!string.Equals(method, "getUpdates", StringComparison.Ordinal))
            {
                metrics.SendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("status", status));
            }
        }
    }
}
