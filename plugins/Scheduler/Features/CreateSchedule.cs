using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Model;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Features;

/// <summary>
/// <c>/task --cron "0 9 * * 1-5" [--tz Zone] [--misfire once|skip|all] [--overlap skip|queue] &lt;prompt&gt; [--model M]
/// [--budget USD] [--project P]</c>: a schedule owned by the sender, reporting to the chat it was made in.
/// </summary>
public static class CreateSchedule
{
    public static readonly CommandExtension Extension = new(
        "task",
        "cron",
        "--cron \"EXPR\" [--tz ZONE] [--misfire once|skip|all] [--overlap skip|queue] <prompt> [--model M] [--budget USD] [--project P]",
        [
            new FlagSpec("cron", true, "Run on a schedule: five cron fields in quotes, or @hourly, @daily, @weekly, @monthly"),
            new FlagSpec("tz", true, "The schedule's IANA time zone, e.g. Europe/Berlin; yours (/settings) by default"),
            new FlagSpec("misfire", true, "After downtime: once (default), skip or all"),
            new FlagSpec("overlap", true, "While the last run still goes: skip (default) or queue"),
            new FlagSpec("model", true, "The model of each run"),
            new FlagSpec("budget", true, "The most each run may spend, in dollars"),
            new FlagSpec("project", true, "The project each run belongs to"),
        ],
        (arguments, context) => new Command(
            arguments.Value("cron") ?? "",
            arguments.Text,
            context.Conversation)
        {
            TimeZone = arguments.Value("tz"),
            Misfire = arguments.Value("misfire"),
            Overlap = arguments.Value("overlap"),
            Model = arguments.Value("model"),
            Budget = arguments.Value("budget"),
            Project = arguments.Value("project"),
            Key = context.IdempotencyKey,
        });

    /// <summary>
    /// A new schedule, every field as typed; the handler checks them all at once and refuses with every problem
    /// (<see cref="RequestValidationException"/>, one error per field: cron, tz, misfire, overlap, prompt, budget,
    /// project, schedules).
    /// </summary>
    [Audited]
    public sealed record Command(string Cron, string Prompt, ConversationReference? Conversation) : IRequest<ScheduleChange>
    {
        /// <summary>The delivery's key (a chat update, an HTTP <c>Idempotency-Key</c>): asked twice, one schedule.</summary>
        public string? Key { get; init; }

        public string? TimeZone { get; init; }

        public string? Misfire { get; init; }

        public string? Overlap { get; init; }

        public string? Model { get; init; }

        public string? Budget { get; init; }

        public string? Project { get; init; }
    }

    internal sealed class Handler(
        SchedulerDbContext db,
        IActorAccessor actor,
        ISettingsStore settings,
        IProjectRegistry projects,
        TimeProvider time,
        IOptions<SchedulerOptions> options) : IRequestHandler<Command, ScheduleChange>
    {
        public async Task<ScheduleChange> Handle(Command request, CancellationToken cancellationToken)
        {
            var owner = actor.Current is { Kind: not ActorKind.System } current
                ? current
                : throw new ForbiddenException("A schedule belongs to a person; the bot itself cannot own one.");
            if (request.Key is { } key && await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.CreationKey == key, cancellationToken) is { } earlier)
            {
                return new ScheduleChange(ScheduleAction.Create, ScheduleViews.Of(earlier));
            }

            var now = time.GetUtcNow().UtcDateTime;
            var problems = new List<FieldError>();
            if (!CronRule.TryParse(request.Cron, out var rule, out var cronError))
            {
                problems.Add(new("cron", cronError!));
            }

            var zoneId = request.TimeZone ?? await settings.ResolveAsync(SettingKeys.TimeZone, owner.Id, request.Conversation, cancellationToken: cancellationToken) ?? "UTC";
            var zone = Zones.Find(zoneId);
            if (zone is null)
            {
                problems.Add(new("tz", $"'{zoneId}' is not an IANA time zone name (such as Europe/Berlin, America/New_York or UTC)"));
            }

            var misfire = Parse<MisfirePolicy>(request.Misfire, MisfirePolicy.Once, "misfire", "once, skip or all", problems);
            var overlap = Parse<OverlapPolicy>(request.Overlap, OverlapPolicy.Skip, "overlap", "skip or queue", problems);
            if (string.IsNullOrWhiteSpace(request.Prompt))
            {
                problems.Add(new("prompt", "the prompt is missing: say what each run should do after the flags"));
            }

            decimal? budget = null;
            if (request.Budget is { } rawBudget)
            {
                if (decimal.TryParse(rawBudget, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var dollars) && dollars > 0)
                {
                    budget = dollars;
                }
                else
                {
                    problems.Add(new("budget", $"expects dollars above zero such as 0.50, not '{rawBudget}'"));
                }
            }

            if (request.Project is { } project && !projects.All.Any(p => p.Name.Equals(project, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new("project", $"there is no project '{project}'" + (projects.All.Count == 0 ? "" : $" (projects: {string.Join(", ", projects.All.Select(p => p.Name))})")));
            }

            if (rule is not null && zone is not null)
            {
                var gap = rule.ShortestGap(now, zone);
                var minimum = TimeSpan.FromMinutes(options.Value.MinIntervalMinutes);
                if (gap is { } shortest && shortest < minimum)
                {
                    problems.Add(new("cron", $"runs {shortest.TotalMinutes:0.#} minute(s) apart at the closest; the shortest interval allowed here is {minimum.TotalMinutes:0} minute(s)"));
                }
                else if (rule.NextAfter(now, zone) is null)
                {
                    problems.Add(new("cron", $"'{rule.Text}' never runs (no such date from now on)"));
                }
            }

            var owned = await db.Schedules.CountAsync(s => s.OwnerId == owner.Id, cancellationToken);
            if (owned >= options.Value.MaxSchedulesPerUser)
            {
                problems.Add(new("schedules", $"you have {owned} schedules, the most allowed; delete one first (/unschedule)"));
            }

            if (problems.Count > 0)
            {
                throw new RequestValidationException(problems);
            }

            var schedule = new ScheduleRow
            {
                Id = ScheduleIds.New(),
                OwnerId = owner.Id,
                Transport = request.Conversation?.Transport,
                ChatId = request.Conversation?.ChatId,
                ThreadId = request.Conversation?.ThreadId,
                Expression = rule!.Text,
                TimeZone = zone!.Id,
                Misfire = misfire,
                Overlap = overlap,
                Prompt = request.Prompt.Trim(),
                Model = request.Model,
                BudgetDollars = budget,
                Project = request.Project,
                NextRunUtc = rule.NextAfter(now, zone),
                CreatedAtUtc = now,
                CreationKey = request.Key,
            };
            db.Schedules.Add(schedule);
            await db.SaveChangesAsync(cancellationToken);

            return new ScheduleChange(ScheduleAction.Create, ScheduleViews.Of(schedule));
        }

        private static T Parse<T>(string? value, T fallback, string field, string choices, List<FieldError> problems)
            where T : struct, Enum
        {
            if (value is null)
            {
                return fallback;
            }

            if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
            {
                return parsed;
            }

            problems.Add(new(field, $"'{value}' is not one of {choices}"));
            return fallback;
        }
    }
}
