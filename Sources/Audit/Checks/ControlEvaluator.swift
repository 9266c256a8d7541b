import HandbookContent

/// The check that enforces one control, built once from the control's resolved params.
public enum ControlEvaluator: Sendable {
    case key(any KeyCheck)
    case policy(PolicyReviewedCheck)
    case training(TrainingCoverageCheck)
    /// Checks the leak scans' findings against the whole inventory, once every key is read.
    case inventory(InventoryCompleteCheck)

    /// The evaluator for `check` with `params` (defaults already filled in); nil for an unknown check.
    public static func make(check: String, params: [String: ParameterValue]) -> ControlEvaluator? {
        switch check {
        case "owner-assigned": .key(OwnerAssignedCheck(params: params))
        case "owner-active": .key(OwnerActiveCheck(params: params))
        case "rotation-age": .key(RotationAgeCheck(params: params))
        case "unused-key": .key(UnusedKeyCheck(params: params))
        case "restricted-for-third-parties": .key(RestrictedForThirdPartiesCheck(params: params))
        case "ip-allowlist": .key(IPAllowlistCheck(params: params))
        case "approved-storage": .key(ApprovedStorageCheck(params: params))
        case "no-live-in-nonprod": .key(NoLiveInNonprodCheck(params: params))
        case "access-least": .key(AccessLeastCheck(params: params))
        case "access-review": .key(AccessReviewCheck(params: params))
        case "access-trained": .key(AccessTrainedCheck(params: params))
        case "logs-reviewed": .key(LogsReviewedCheck(params: params))
        case "exposure-rolled": .key(ExposureRolledCheck(params: params))
        case "policy-reviewed": .policy(PolicyReviewedCheck())
        case "training-coverage": .training(TrainingCoverageCheck(params: params))
        case "inventory-complete": .inventory(InventoryCompleteCheck(params: params))
        default: nil
        }
    }

    /// The inputs beyond the inventory and policies that `check` reads: `roster`, `records`, `exposures`.
    public static func inputs(of check: String) -> [String] {
        switch check {
        case "owner-active", "access-least": ["roster"]
        case "access-trained": ["roster", "records"]
        case "training-coverage": ["roster", "records"]
        case "inventory-complete": ["exposures"]
        default: []
        }
    }
}
