using System.Globalization;
using System.Text;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Costs.Api;
using PluginBot.Plugins.Costs.Charts;
using PluginBot.Plugins.Costs.Reports;

namespace PluginBot.Plugins.Costs.Features;

/// <summary>
/// <c>/costs [today|week|month|YYYY-MM-DD..YYYY-MM-DD] [--by user|project|model|provider|schedule|day] [--all]</c>: a short
/// table and a chart of daily spend. Users see their own spend; admins add <c>--all</c> for everyone's.
/// </summary>
public static class ShowCosts
{
    /// <summary>Groups beyond this many are summed into one line, so the table stays short.</summary>
    private const int TableRows = 10;

    public static readonly CommandDescriptor Descriptor = new(
        "costs",
        "Show what model calls cost: a table and a chart",
        "[today|week|month|YYYY-MM-DD..YYYY-MM-DD] [--by user|project|model|provider|schedule|day] [--all]",
        [new("by", true, "group by user, project, model, provider, schedule or day (default: model)"), new("all", false, "everyone's spend (admins)")],
        Bind);

    /// <summary>
    /// The same request as <c>GET /api/costs</c>, for the sender's own spend unless <c>--all</c> (which the handler
    /// refuses to a user); grouped by model unless <c>--by</c> says otherwise.
    /// </summary>
    private static QueryCosts Bind(CommandArguments arguments, CommandContext context)
    {
        if (arguments.Positional.Count > 1)
        {
            throw new CommandSyntaxException($"/costs takes one period, not '{arguments.Text}'. Use today, week, month or 2026-11-01..2026-11-15.");
        }

        var by = arguments.Value("by")?.Trim().ToLowerInvariant() ?? "model";
        if (by is not ("model" or "user" or "project" or "provider" or "schedule" or "day"))
        {
            throw new CommandSyntaxException($"--by {by} is not a grouping: use user, project, model, provider, schedule or day.");
        }

        var everyone = arguments.Has("all");
        var period = arguments.Positional.Count == 1 ? arguments.Positional[0] : null;
        return new QueryCosts(null, null, by, everyone ? null : context.Actor.Id, null, period) { Everyone = everyone };
    }

    /// <summary>A report in chat: a short table and a chart of daily spend.</summary>
    internal sealed class Renderer : IReplyRenderer<CostReport>
    {
        public ValueTask<Reply> RenderAsync(CostReport report, CommandContext context, CancellationToken cancellationToken)
        {
            // Everyone's spend is for the admin alone: asked in a group, it is answered privately.
            var everyone = report.UserId is null;
            var scope = everyone ? "Everyone's spend" : "Your spend";
            var period = report.Period;
            if (report.Calls == 0)
            {
                return ValueTask.FromResult(Reply.Plain($"{scope}, {period.Label}: no model calls recorded.") with { ForSenderOnly = everyone });
            }

            var points = report.Days.Select(d => new SpendPoint(d.Day!.Value, report.GroupBy == SpendGrouping.Day ? "total" : Label(report.GroupBy, d.Group), d.Cost));
            var png = SpendChart.Render($"{scope}, {period.Label} ({period.Zone.Id})", period.First, period.Last, points);
            return ValueTask.FromResult(new Reply(Render(report, scope)) { Attachment = new ReplyAttachment(AttachmentKind.Photo, "costs.png", png), ForSenderOnly = everyone });
        }

        private static string Render(CostReport report, string scope)
        {
            var c = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            text.Append(c, $"**{scope}, {report.Period.Label}** ({report.Period.Zone.Id}): **{report.Total}** in {Calls(report.Calls)}");
            if (report.Unpriced > 0)
            {
                text.Append(c, $", plus {report.Unpriced} unpriced (cost unknown)");
            }

            text.Append("\n\n```\n");
            var rows = report.Groups.Take(TableRows).Select(g => (Name: report.GroupBy == SpendGrouping.Day ? g.Day!.Value.ToString("ddd d MMM", c) : Cell(Label(report.GroupBy, g.Group)), g.Cost, g.Calls)).ToList();
            if (report.Groups.Count > TableRows)
            {
                var rest = report.Groups.Skip(TableRows).ToList();
                rows.Add(($"{rest.Count} more", rest.Aggregate(Usd.Zero, (sum, r) => sum + r.Cost), rest.Sum(r => r.Calls)));
            }

            var width = Math.Min(40, rows.Max(r => r.Name.Length));
            foreach (var (name, cost, calls) in rows)
            {
                var shown = name.Length > width ? name[..(width - 1)] + "…" : name;
                text.Append(c, $"{shown.PadRight(width)}  {cost,10}  {calls,5} {(calls == 1 ? "call" : "calls")}\n");
            }

            text.Append("```");
            if (report.Interrupted > 0)
            {
                text.Append(c, $"\n{Calls(report.Interrupted)} {(report.Interrupted == 1 ? "was" : "were")} cut off by a restart, charged at {(report.Interrupted == 1 ? "its" : "their")} estimate.");
            }

            if (report.Running > 0)
            {
                text.Append(c, $"\n{Calls(report.Running)} {(report.Running == 1 ? "is" : "are")} still running, counted at {(report.Running == 1 ? "its" : "their")} maximum.");
            }

            return text.ToString();
        }

        private static string Calls(int count) => count == 1 ? "1 call" : string.Create(CultureInfo.InvariantCulture, $"{count} calls");

        /// <summary>
        /// A name as a table cell: the table is a code block, so backticks (which could close it) and line breaks
        /// (which could start Markdown outside it) are replaced; the renderer escapes the rest.
        /// </summary>
        private static string Cell(string name) =>
            string.Create(name.Length, name, (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    span[i] = text[i] == '`' ? '\'' : char.IsControl(text[i]) ? ' ' : text[i];
                }
            });

        private static string Label(SpendGrouping grouping, string? group) => (grouping, group) switch
        {
            (SpendGrouping.Project, null or "") => "(no project)",
            (SpendGrouping.User, "0") => "the bot",
            (SpendGrouping.User, _) => $"user {group}",
            (SpendGrouping.Schedule, null) => "(not scheduled)",
            (SpendGrouping.Schedule, _) => $"schedule {group}",
            _ => group ?? "(none)",
        };
    }
}
