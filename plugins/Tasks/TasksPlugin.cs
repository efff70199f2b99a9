using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Agent;
using PluginBot.Plugins.Tasks.Api;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Features;
using PluginBot.Plugins.Tasks.Operations;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks;

/// <summary>Durable background tasks: a queue in the database, workers with leases, checkpoints, cards and notices.</summary>
public sealed class TasksPlugin : IPlugin, IEndpointContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.BindOptions<TasksOptions>(services);
        services.AddPluginDbContext<TasksDbContext>(context);
        services.AddSingleton(sp => new InstanceIdentity(sp.GetRequiredService<IOptions<TasksOptions>>(), context.DataDirectory));
        services.AddScoped<TaskStore>();
        services.AddScoped<TaskQueue>();
        services.AddScoped<TaskAdmission>();
        services.AddScoped<TaskCreator>();
        services.AddScoped<TaskViews>();
        services.AddSingleton<RunningTasks>();
        services.AddSingleton<TaskSignal>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TaskSpend>(sp, context.IsActive("costs")));
        services.AddSingleton<TaskCards>();
        services.AddSingleton<ITaskExecutor, AgentExecutor>();
        services.TryAddSingleton<IToolApprovals, AutoApprovingToolApprovals>();
        services.AddHostedService<TaskWorkers>();
        services.AddHostedService<CardHeartbeat>();
        services.AddHostedService<TasksMetrics>();

        services.AddCommand(StartTask.Descriptor);
        services.AddCommand(ShowTasks.Descriptor);
        services.AddCommand(TaskStop.Descriptor);
        services.AddCommand(TaskLog.Descriptor);
        services.AddCommand(RetryTask.Descriptor);
        services.AddCommand(SetProject.Descriptor);
        services.AddButtonAction<StopTask>();
        services.AddButtonAction<GetTaskOutput>();
        services.AddButtonAction<RetryTask.Command>();
        services.AddButtonAction<RetryTask.Confirm>();
        services.AddButtonAction<RetryTask.Dismiss>();
        services.AddButtonAction<SetProject.Command>();
        services.AddReplyRenderer<TaskView, ShowTasks.ViewRenderer>();
        services.AddReplyRenderer<TaskPage, ShowTasks.PageRenderer>();
        services.AddReplyRenderer<TaskStopResult, TaskStop.Renderer>();
        services.AddReplyRenderer<TaskOutput, TaskLog.Renderer>();

        context.Logger.LogInformation(
            "Tasks: {Workers} worker(s), at most {MaxRunning} running, {PerProject} per project, {PerUser} active per person",
            options.Workers, options.MaxRunning, options.MaxRunningPerProject, options.MaxActivePerUser);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => TasksEndpoints.Map(endpoints);
}
