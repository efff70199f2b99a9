using PluginBot.Abstractions.Settings;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>The time zone a budget's days and months follow: the user's setting, else <c>DEFAULT_TIMEZONE</c>.</summary>
internal sealed class TimeZones(ISettingsStore settings)
{
    /// <summary>The user's zone (null: the bot's default zone).</summary>
    public async Task<TimeZoneInfo> ForAsync(long? userId, CancellationToken cancellationToken)
    {
        var id = await settings.ResolveAsync(SettingKeys.TimeZone, userId is 0 ? null : userId, null, cancellationToken: cancellationToken);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The day or month a budget is in now: a user's in their zone, the bot's in the default one.</summary>
    public async Task<BudgetPeriod> CurrentPeriodAsync(BudgetScope scope, long userId, PeriodKind kind, DateTime nowUtc, CancellationToken cancellationToken) =>
        BudgetPeriod.Containing(kind, nowUtc, await ForAsync(scope == BudgetScope.User ? userId : null, cancellationToken));
}
