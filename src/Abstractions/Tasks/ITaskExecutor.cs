namespace PluginBot.Abstractions.Tasks;

/// <summary>
/// Runs one kind of background task (the default agent loop, a template, ...). Register it with
/// <c>services.AddSingleton&lt;ITaskExecutor, MyExecutor&gt;()</c>; a task names its executor by <see cref="Kind"/>.
/// The engine calls <see cref="RunAsync"/> in a fresh scope whose actor is the task's owner, again after a restart
/// (with the last checkpoint), and cancels the token when the task is stopped, idle too long or shut down.
/// </summary>
public interface ITaskExecutor
{
    /// <summary>The executor's name, e.g. <c>agent</c>; lowercase.</summary>
    string Kind { get; }

    /// <summary>
    /// Runs the task from <see cref="ITaskExecution.Checkpoint"/> (null on a first run) to its result. Save a checkpoint
    /// after every step that must not run twice. Throw <see cref="Llm.BudgetExceededException"/> (as the router does) to
    /// end the task as budget-exceeded, any other exception to fail it with the exception's message.
    /// </summary>
    Task<TaskResult> RunAsync(ITaskExecution execution, CancellationToken cancellationToken);
}

/// <summary>What a task produced.</summary>
/// <param name="Answer">The final answer, Markdown; shown in the completion notice (as a document when long).</param>
/// <param name="Summary">One line for lists and notices; the answer's first line when null.</param>
public sealed record TaskResult(string Answer, string? Summary = null);
