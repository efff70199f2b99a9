namespace PluginBot.Abstractions.Operations;

/// <summary>
/// The metric contract. Plugins record through <c>System.Diagnostics.Metrics</c> (take an <c>IMeterFactory</c> from the
/// container and create a meter named <see cref="MeterPrefix"/> plus the plugin's name); the host exports every meter
/// whose name starts with <see cref="MeterPrefix"/> at <c>GET /metrics</c> in Prometheus format. Instrument names are
/// dotted and lowercase; the exporter turns dots into underscores and adds the unit and <c>_total</c> for counters
/// (<c>pluginbot.updates.received</c> → <c>pluginbot_updates_received_total</c>). One instrument name belongs to one
/// meter. Tags hold bounded values only (no user, chat or task ids).
/// </summary>
public static class MetricNames
{
    /// <summary>Every PluginBot meter's name starts with this: <c>PluginBot.Kernel</c>, <c>PluginBot.Telegram</c>, ...</summary>
    public const string MeterPrefix = "PluginBot.";

    /// <summary>Counter: updates a transport received and stored. Tags: <c>transport</c>, <c>mode</c> (polling, webhook).</summary>
    public const string UpdatesReceived = "pluginbot.updates.received";

    /// <summary>Counter: updates a transport finished handling. Tags: <c>transport</c>, <c>outcome</c> (handled, failed).</summary>
    public const string UpdatesHandled = "pluginbot.updates.handled";

    /// <summary>Counter: requests through the pipeline. Tags: <c>type</c>, <c>outcome</c>.</summary>
    public const string Requests = "pluginbot.requests";

    /// <summary>Histogram, seconds: requests through the pipeline. Tags: <c>type</c>, <c>outcome</c>.</summary>
    public const string RequestDuration = "pluginbot.request.duration";

    /// <summary>Counter: model call attempts. Tags: <c>endpoint</c>, <c>model</c>, <c>outcome</c>.</summary>
    public const string ModelCalls = "pluginbot.model.calls";

    /// <summary>Histogram, seconds: model call attempts from request to the end of the answer. Tags: <c>endpoint</c>, <c>model</c>, <c>outcome</c>.</summary>
    public const string ModelCallDuration = "pluginbot.model.call.duration";

    /// <summary>Counter: tokens. Tags: <c>endpoint</c>, <c>model</c>, <c>kind</c> (input, output, cached_input, reasoning).</summary>
    public const string ModelTokens = "pluginbot.model.tokens";

    /// <summary>Counter, US dollars: what model calls cost as the ledger priced them. Tags: <c>endpoint</c>, <c>model</c>.</summary>
    public const string ModelCost = "pluginbot.model.cost";

    /// <summary>Observable gauge: tasks in each state, final ones included (so completions can be rated). Tags: <c>state</c>.</summary>
    public const string Tasks = "pluginbot.tasks";

    /// <summary>Observable gauge: tasks waiting for a worker (queued or interrupted).</summary>
    public const string TaskQueueDepth = "pluginbot.tasks.queue.depth";

    /// <summary>Observable gauge: outbox entries not yet delivered. Tags: <c>state</c> (pending, given_up).</summary>
    public const string OutboxBacklog = "pluginbot.outbox.backlog";

    /// <summary>Observable counter: 429 answers from the Telegram Bot API (each was waited out).</summary>
    public const string TelegramFloodWaits = "pluginbot.telegram.flood_waits";

    /// <summary>Histogram, seconds: Bot API calls other than <c>getUpdates</c>. Tags: <c>method</c>, <c>status</c>.</summary>
    public const string TelegramSendDuration = "pluginbot.telegram.send.duration";

    /// <summary>Observable gauge: seconds since each registered loop last beat. Tags: <c>loop</c>.</summary>
    public const string LoopSilence = "pluginbot.loop.silence";

    /// <summary>Counter: templates that failed to compile. Tags: <c>plugin</c>. For the templates plugin; nothing records it yet.</summary>
    public const string TemplateCompileErrors = "pluginbot.templates.compile_errors";

    /// <summary>
    /// Histogram, seconds: how late a scheduled run was queued after its due time. Tags: <c>plugin</c>. Recorded by the
    /// Scheduler plugin.
    /// </summary>
    public const string ScheduleLateness = "pluginbot.schedules.lateness";
}
