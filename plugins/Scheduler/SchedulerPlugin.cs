using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Scheduler.Api;
using PluginBot.Plugins.Scheduler.Features;
using PluginBot.Plugins.Scheduler.Firing;
using PluginBot.Plugins.Scheduler.Model;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler;

/// <summary>Cron schedules that queue ordinary tasks as their owners, once per occurrence.</summary>
public sealed class SchedulerPlugin : IPlugin, IEndpointContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindOptions<SchedulerOptions>(services);
        services.AddPluginDbContext<SchedulerDbContext>(context);
        services.AddScoped<ScheduleFirer>();
        services.AddScoped<ScheduleNotices>();
        services.AddSingleton<SchedulerMetrics>();
        services.AddHostedService<SchedulerLoop>();

        services.AddCommandExtension(CreateSchedule.Extension);
        services.AddCommand(ManageSchedules.List);
        services.AddCommand(ManageSchedules.One);
        services.AddCommand(ManageSchedules.Unschedule);
        services.AddButtonAction<ManageSchedules.ChangeSchedule>();
        services.AddReplyRenderer<ScheduleList, ManageSchedules.ListRenderer>();
        services.AddReplyRenderer<ScheduleChange, ManageSchedules.ChangeRenderer>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => SchedulesEndpoints.Map(endpoints);
}
