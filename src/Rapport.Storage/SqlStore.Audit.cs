namespace Rapport.Storage;

/// <summary>The audit log of administrative actions, written once for both backends.</summary>
public abstract partial class SqlStore
{
    /// <summary>One audit entry: <c>$1</c> workspace, <c>$2</c> id, <c>$3</c> time, <c>$4</c> actor, <c>$5</c> action, <c>$6</c> target, <c>$7</c> detail.</summary>
    private protected const string AuditInsert =
        "INSERT INTO audit_log (workspace_id, id, occurred_at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";
}
