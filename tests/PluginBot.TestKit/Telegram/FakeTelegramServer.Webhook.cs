using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace PluginBot.TestKit.Telegram;

/// <summary>
/// <c>setWebhook</c>, <c>deleteWebhook</c>, <c>getWebhookInfo</c> and the delivery loop: while a webhook is set, each
/// pending update is POSTed to it in order; a 2xx answer removes it, anything else is retried after a short backoff.
/// </summary>
public sealed partial class FakeTelegramServer
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(1);

    private readonly List<FakeWebhookDelivery> _deliveries = [];
    private readonly CancellationTokenSource _deliveryStop = new();
    // No proxy and no redirects: deliveries stay on loopback, and Telegram does not follow redirects either.
    private readonly HttpClient _webhookClient = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private Task _deliveryLoop = Task.CompletedTask;
    private string _webhookUrl = "";
    private string? _webhookSecret;
    private long? _lastWebhookErrorDate;
    private string? _lastWebhookError;
    private HashSet<string>? _allowedUpdates;
    private int _disposed;
    private volatile bool _deliveryIdle;

    /// <summary>How long a webhook POST may take before it counts as failed ("Read timeout expired").</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every attempt to deliver an update to the webhook, in order, failed ones included.</summary>
    public IReadOnlyList<FakeWebhookDelivery> WebhookDeliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>
    /// True while the delivery loop has nothing to do (no webhook, or no pending update) and waits for a change: after
    /// it turns true, nothing more is posted until an update arrives or a webhook is set.
    /// </summary>
    public bool WebhookDeliveryIdle => _deliveryIdle;

    /// <summary>True once the delivery loop has ended for good (the fake was disposed): nothing more can be posted.</summary>
    public bool WebhookDeliveryStopped => Volatile.Read(ref _disposed) == 1 && _deliveryLoop.IsCompleted;

    /// <summary>Stops the webhook delivery loop before the server stops.</summary>
    protected override async ValueTask DisposeCoreAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _deliveryStop.CancelAsync();
            await _deliveryLoop;
            _webhookClient.Dispose();
            _deliveryStop.Dispose();
        }

        await base.DisposeCoreAsync();
    }

    private void StartDeliveries() => _deliveryLoop = Task.Run(() => DeliverAsync(_deliveryStop.Token));

    private Outcome SetWebhook(TelegramArgs args)
    {
        var url = args.Text("url") ?? "";
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return Fail(TelegramErrors.BadRequest("bad webhook: An HTTPS URL must be provided for webhook"));
        }

        // Plain HTTP is allowed so tests can listen on loopback; any other host is refused so no test reaches out.
        if (url.Length > 0 && !new Uri(url).IsLoopback)
        {
            return Fail(TelegramErrors.BadRequest($"bad webhook: the fake delivers only to loopback hosts, not {new Uri(url).Host}"));
        }

        lock (_gate)
        {
            if (url != _webhookUrl)
            {
                (_lastWebhookErrorDate, _lastWebhookError) = (null, null);
            }

            _webhookUrl = url;
            _webhookSecret = url.Length > 0 && args.Text("secret_token") is { Length: > 0 } secret ? secret : null;
            RememberAllowedUpdates(args);
            if (args.Flag("drop_pending_updates"))
            {
                _updates.Clear();
            }

            Wake();
        }

        return Ok(true);
    }

    private Outcome DeleteWebhook(TelegramArgs args)
    {
        lock (_gate)
        {
            (_webhookUrl, _webhookSecret) = ("", null);
            if (args.Flag("drop_pending_updates"))
            {
                _updates.Clear();
            }
        }

        return Ok(true);
    }

    private Outcome GetWebhookInfo(TelegramArgs args)
    {
        lock (_gate)
        {
            var info = new JsonObject { ["url"] = _webhookUrl, ["has_custom_certificate"] = false, ["pending_update_count"] = _updates.Count };
            if (_webhookUrl.Length > 0)
            {
                info["max_connections"] = 40;
            }

            if (_lastWebhookErrorDate is { } date)
            {
                info["last_error_date"] = date;
                info["last_error_message"] = _lastWebhookError;
            }

            if (_allowedUpdates is { } allowed)
            {
                info["allowed_updates"] = new JsonArray([.. allowed.Order(StringComparer.Ordinal).Select(kind => JsonValue.Create(kind))]);
            }

            return Ok(info);
        }
    }

    /// <summary>
    /// <c>allowed_updates</c> of <c>getUpdates</c> or <c>setWebhook</c> is remembered until the next one; an empty list
    /// means every kind again. Updates of other kinds are never created. Caller holds the lock.
    /// </summary>
    private void RememberAllowedUpdates(TelegramArgs args)
    {
        if (args.Node("allowed_updates") is JsonArray kinds)
        {
            _allowedUpdates = kinds.Count == 0 ? null : [.. kinds.Select(kind => kind?.GetValue<string>() ?? "")];
        }
    }

    private async Task DeliverAsync(CancellationToken stop)
    {
        var retry = FirstRetry;
        try
        {
            while (true)
            {
                Task wake;
                string url;
                string? secret;
                var (id, body) = (0L, "");
                lock (_gate)
                {
                    wake = _updateArrived.Task;
                    (url, secret) = (_webhookUrl, _webhookSecret);
                    if (url.Length > 0 && _updates.Count > 0)
                    {
                        (id, body) = (_updates[0].Id, _updates[0].Update.ToJsonString());
                    }

                    _deliveryIdle = id == 0;
                }

                if (id == 0)
                {
                    await wake.WaitAsync(stop);
                    continue;
                }

                var (status, error) = await PostAsync(url, secret, body, stop);
                var delivered = status is >= 200 and < 300;
                lock (_gate)
                {
                    _deliveries.Add(new FakeWebhookDelivery(url, id, status, Clock.GetUtcNow()));
                    if (delivered)
                    {
                        _updates.RemoveAll(update => update.Id == id);
                    }
                    else if (url == _webhookUrl)
                    {
                        (_lastWebhookErrorDate, _lastWebhookError) = (Now, error);
                    }
                }

                if (!delivered)
                {
                    await Task.Delay(retry, stop);
                }

                retry = delivered ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The fake is being disposed.
        }
    }

    private async Task<(int? Status, string Error)> PostAsync(string url, string? secret, string body, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add(SecretHeader, secret);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(WebhookTimeout);
        try
        {
            using var response = await _webhookClient.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            return (code, $"Wrong response from the webhook: {code} {response.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(code)}");
        }
        catch (HttpRequestException)
        {
            return (null, "Connection refused");
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (null, "Read timeout expired");
        }
    }
}
