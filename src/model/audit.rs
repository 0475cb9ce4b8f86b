use super::Stamp;

/// One line of the audit log: who did what to which client, and when. Numbers and actions
/// only: no name, no note, so the log can outlive the records it speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its place in the log (1, 2, …), given by the store.
    pub number: u64,
    pub stamp: Stamp,
    /// The client concerned; none for an office-wide action (a backup).
    pub client: Option<u64>,
    pub action: AuditAction,
    /// The visit, follow-up or appointment concerned, when the action is about one.
    pub object: Option<u64>,
    /// The clients a lookup showed, in the order shown (their count is the number of
    /// results); empty for every other action. The query itself is never kept: it is a name.
    pub clients: Vec<u64>,
}

/// What was done. New actions are only ever appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// The client's card or `show` was opened.
    View,
    /// Registered.
    Create,
    /// Name, aliases, birth, phone, note, household or "informed" changed.
    Change,
    /// A visit was logged.
    Visit,
    /// A follow-up was added.
    FollowUp,
    /// A follow-up was marked done.
    Done,
    /// A follow-up was cancelled.
    Cancel,
    /// Everything about the client was exported (right of access).
    Export,
    /// The client was erased on request.
    Forget,
    /// The client was erased by the retention purge.
    Purge,
    /// Restricted: hidden from search and lists.
    Restrict,
    /// Restriction lifted.
    Lift,
    /// A backup of the whole store was written.
    Backup,
    /// A visit was corrected (moment, categories, referrals, channel or note).
    VisitChange,
    /// A visit was deleted.
    VisitDelete,
    /// An appointment was planned.
    Appointment,
    /// An appointment was cancelled.
    AppointmentCancel,
    /// The client did not come to an appointment.
    AppointmentNoShow,
    /// A visit kept an appointment.
    AppointmentKept,
    /// A search (`find`, the desk's result list) showed these clients' names, birth years and
    /// last visits.
    Find,
    /// A year's figures were closed (`jaaroverzicht YEAR --close`); the object is the year.
    CloseYear,
}

impl AuditAction {
    pub const ALL: [AuditAction; 21] = [
        AuditAction::View,
        AuditAction::Create,
        AuditAction::Change,
        AuditAction::Visit,
        AuditAction::FollowUp,
        AuditAction::Done,
        AuditAction::Cancel,
        AuditAction::Export,
        AuditAction::Forget,
        AuditAction::Purge,
        AuditAction::Restrict,
        AuditAction::Lift,
        AuditAction::Backup,
        AuditAction::VisitChange,
        AuditAction::VisitDelete,
        AuditAction::Appointment,
        AuditAction::AppointmentCancel,
        AuditAction::AppointmentNoShow,
        AuditAction::AppointmentKept,
        AuditAction::Find,
        AuditAction::CloseYear,
    ];

    /// The action with this key, as `audit --action` takes it.
    pub fn parse(text: &str) -> Result<AuditAction, String> {
        let t = text.trim().to_lowercase();
        AuditAction::ALL
            .into_iter()
            .find(|a| a.key() == t)
            .ok_or_else(|| {
                let keys: Vec<&str> = AuditAction::ALL.iter().map(|a| a.key()).collect();
                format!(
                    "unknown action \"{}\": use one of {}",
                    text.trim(),
                    keys.join(", ")
                )
            })
    }

    /// The stable key printed and given in JSON.
    pub fn key(self) -> &'static str {
        match self {
            AuditAction::View => "view",
            AuditAction::Create => "create",
            AuditAction::Change => "change",
            AuditAction::Visit => "visit",
            AuditAction::FollowUp => "followup",
            AuditAction::Done => "done",
            AuditAction::Cancel => "cancel",
            AuditAction::Export => "export",
            AuditAction::Forget => "forget",
            AuditAction::Purge => "purge",
            AuditAction::Restrict => "restrict",
            AuditAction::Lift => "lift",
            AuditAction::Backup => "backup",
            AuditAction::VisitChange => "visit_change",
            AuditAction::VisitDelete => "visit_delete",
            AuditAction::Appointment => "appointment",
            AuditAction::AppointmentCancel => "appointment_cancel",
            AuditAction::AppointmentNoShow => "appointment_no_show",
            AuditAction::AppointmentKept => "appointment_kept",
            AuditAction::Find => "find",
            AuditAction::CloseYear => "close_year",
        }
    }
}
