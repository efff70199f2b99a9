using System.Globalization;
using System.Text;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Costs.Budgets;
using PluginBot.Plugins.Costs.Ledger;

namespace PluginBot.Plugins.Costs.Features;

/// <summary>
/// <c>/budget</c> shows the budgets in force and what is spent against them; admins change them at run time:
/// <c>/budget user &lt;id|all&gt; day|month &lt;USD|off|default&gt;</c>, <c>/budget global month &lt;USD|off|default&gt;</c>.
/// </summary>
public static class Budget
{
    private const string Syntax = "/budget user <id|all> day|month <USD|off|default>, or /budget global month <USD|off|default>";

    public static readonly CommandDescriptor Descriptor = new(
        "budget",
        "Show spending budgets; admins change them",
        "[user <id|all> day|month <USD|off|default> | global month <USD|off|default>]",
        [],
        Bind);

    /// <summary>Show the budgets that apply to the sender (everyone's, for admins).</summary>
    public sealed record Show : IRequest<Reply>;

    /// <summary>Set a budget; <see cref="Limit"/> null with <see cref="Remove"/> false switches it off.</summary>
    [Access(AccessLevel.AdminOnly)]
    [Audited]
    public sealed record Change(string Scope, long UserId, string Period, Usd? Limit, bool Remove) : IRequest<Reply>;

    private static IRequest<Reply> Bind(CommandArguments arguments, CommandContext context)
    {
        var words = arguments.Positional;
        if (words.Count == 0)
        {
            return new Show();
        }

        var scope = words[0].ToLowerInvariant();
        var (userId, rest) = scope switch
        {
            "user" when words.Count == 4 => (UserId(words[1]), words.Skip(2).ToList()),
            "global" when words.Count == 3 => (0L, words.Skip(1).ToList()),
            "user" or "global" => throw new CommandSyntaxException($"Wrong number of words. Use {Syntax}."),
            _ => throw new CommandSyntaxException($"'{words[0]}' is not a budget: use {Syntax}."),
        };
        var period = rest[0].ToLowerInvariant();
        if (period is not ("day" or "month") || (scope == "global" && period != "month"))
        {
            throw new CommandSyntaxException(scope == "global"
                ? $"The bot's budget is monthly: /budget global month <USD|off|default>, not '{rest[0]}'."
                : $"'{rest[0]}' is not a period: use day or month.");
        }

        var amount = rest[1].ToLowerInvariant();
        return amount switch
        {
            "off" => new Change(scope, userId, period, null, Remove: false),
            "default" => new Change(scope, userId, period, null, Remove: true),
            _ => Usd.TryParse(amount, out var limit) && limit.IsPositive
                ? new Change(scope, userId, period, limit, Remove: false)
                : throw new CommandSyntaxException($"'{rest[1]}' is not an amount: give dollars such as 5 or 0.50, or off, or default."),
        };
    }

    private static long UserId(string word) =>
        word.Equals("all", StringComparison.OrdinalIgnoreCase) ? 0
        : long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
        : throw new CommandSyntaxException($"'{word}' is not a user id: give the numeric id (see /users) or all.");

    internal sealed class ShowHandler(BudgetBook book, SpendLedger ledger, TimeZones zones, IActorAccessor actor, TimeProvider time) : IRequestHandler<Show, Reply>
    {
        public async Task<Reply> Handle(Show request, CancellationToken cancellationToken)
        {
            var asker = actor.Current!;
            var now = time.GetUtcNow().UtcDateTime;
            var text = new StringBuilder();
            var limits = await book.ForUserAsync(asker.Id, cancellationToken);
            text.Append(asker.Id == 0 ? "**Budgets**\n" : "**Your budgets**\n");
            foreach (var limit in limits)
            {
                var period = await zones.CurrentPeriodAsync(limit.Scope, asker.Id, limit.Period, now, cancellationToken);
                var spent = await ledger.SpentAsync(limit.Scope, asker.Id, period, cancellationToken);
                var who = limit.Scope == BudgetScope.User ? "you" : "the bot";
                var line = limit.Limit is { } most
                    ? $"- {period.Name} ({who}): {spent} of {most}, resets {period.DescribeReset(now)} — {limit.Origin}"
                    : $"- {period.Name} ({who}): no limit, {spent} spent";
                text.Append(line).Append('\n');
            }

            if (asker.IsPrivileged)
            {
                text.Append("\n**Set by admins**\n");
                var overrides = await book.OverridesAsync(cancellationToken);
                if (overrides.Count == 0)
                {
                    text.Append("- none: the configured budgets apply (Plugins:Costs:Budgets)\n");
                }

                foreach (var row in overrides)
                {
                    var who = row.Scope == BudgetBook.GlobalScope ? "the bot" : row.UserId == 0 ? "every user" : $"user {row.UserId}";
                    text.Append(CultureInfo.InvariantCulture, $"- {who}, {row.Period}: {BudgetBook.Limit(row)?.ToString() ?? "no limit"} (by {row.ChangedBy}, {row.ChangedAtUtc:yyyy-MM-dd HH:mm} UTC)\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"\nChange with {Syntax}.");
            }

            return Reply.Markdown(text.ToString().TrimEnd());
        }
    }

    internal sealed class ChangeHandler(BudgetBook book, IActorAccessor actor, TimeProvider time) : IRequestHandler<Change, Reply>
    {
        public async Task<Reply> Handle(Change request, CancellationToken cancellationToken)
        {
            var scope = request.Scope == BudgetBook.GlobalScope ? BudgetScope.Global : BudgetScope.User;
            var period = BudgetBook.ParsePeriod(request.Period);
            var admin = actor.Current!;
            await book.SetAsync(scope, request.UserId, period, request.Limit, request.Remove, admin.Id == 0 ? admin.Transport : admin.Id.ToString(CultureInfo.InvariantCulture), time.GetUtcNow().UtcDateTime, cancellationToken);
            var who = scope == BudgetScope.Global ? "The bot's" : request.UserId == 0 ? "Every user's" : $"User {request.UserId}'s";
            var name = period == PeriodKind.Day ? "daily" : "monthly";
            if (request.Remove)
            {
                var configured = book.Configured(scope, period);
                return Reply.Plain($"{who} {name} budget is back to the configured one: {configured?.ToString() ?? "no limit"}.");
            }

            return Reply.Plain(request.Limit is { } limit ? $"{who} {name} budget is now {limit}." : $"{who} {name} budget is off: no limit.");
        }
    }
}
