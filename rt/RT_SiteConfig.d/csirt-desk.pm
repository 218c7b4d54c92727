# CSIRT Desk: RT-IR's four lifecycles for an RT 5 without RT-IR.
#
# Drop this file in /etc/request-tracker5/RT_SiteConfig.d/ and restart RT; then run rt/csirt-desk-setup.pl,
# which sets the four queues to these lifecycles. Do NOT install it where RT-IR is installed: RT-IR defines
# lifecycles of the same names, and a site-config file would take their place.
#
# Statuses and transitions are those of CSIRT Desk's own ticket store (org.csirtdesk.ticket.entity.Lifecycle),
# so a ticket moves in RT exactly as it may move in the application. RT merges this %Lifecycles with its own
# (default, assets, approvals stay as they are). Every lifecycle names the keys RT expects: initial, active,
# inactive, defaults, transitions, rights, actions. A ticket is created in its on_create status only ('' lists
# it alone), as in the application.

Set(%Lifecycles,
    incident_reports => {
        initial     => ['new'],
        active      => ['open'],
        inactive    => ['resolved', 'rejected'],
        defaults    => { on_create => 'new' },
        transitions => {
            ''       => ['new'],
            new      => ['open', 'resolved', 'rejected'],
            open     => ['resolved', 'rejected'],
            resolved => ['open'],
            rejected => ['open'],
        },
        rights  => { '* -> *' => 'ModifyTicket' },
        actions => [
            'new -> open'       => { label => 'Open It', update => 'Respond' },
            'new -> resolved'   => { label => 'Resolve', update => 'Comment' },
            'new -> rejected'   => { label => 'Reject',  update => 'Respond' },
            'open -> resolved'  => { label => 'Resolve', update => 'Comment' },
            'open -> rejected'  => { label => 'Reject',  update => 'Respond' },
            'resolved -> open'  => { label => 'Re-open', update => 'Comment' },
            'rejected -> open'  => { label => 'Re-open', update => 'Comment' },
        ],
    },
    incidents => {
        initial     => [],
        active      => ['open'],
        inactive    => ['resolved', 'abandoned'],
        defaults    => { on_create => 'open' },
        transitions => {
            ''        => ['open'],
            open      => ['resolved', 'abandoned'],
            resolved  => ['open'],
            abandoned => ['open'],
        },
        rights  => { '* -> *' => 'ModifyTicket' },
        actions => [
            'open -> resolved'  => { label => 'Resolve', update => 'Comment' },
            'open -> abandoned' => { label => 'Abandon', update => 'Comment' },
            'resolved -> open'  => { label => 'Re-open', update => 'Comment' },
            'abandoned -> open' => { label => 'Re-open', update => 'Comment' },
        ],
    },
    investigations => {
        initial     => [],
        active      => ['open'],
        inactive    => ['resolved'],
        defaults    => { on_create => 'open' },
        transitions => {
            ''       => ['open'],
            open     => ['resolved'],
            resolved => ['open'],
        },
        rights  => { '* -> *' => 'ModifyTicket' },
        actions => [
            'open -> resolved' => { label => 'Resolve', update => 'Comment' },
            'resolved -> open' => { label => 'Re-open', update => 'Comment' },
        ],
    },
    countermeasures => {
        initial     => ['pending activation'],
        active      => ['active', 'pending removal'],
        inactive    => ['removed'],
        defaults    => { on_create => 'pending activation' },
        transitions => {
            ''                   => ['pending activation'],
            'pending activation' => ['active', 'removed'],
            active               => ['pending removal', 'removed'],
            'pending removal'    => ['removed', 'active'],
            removed              => ['pending activation'],
        },
        rights  => { '* -> *' => 'ModifyTicket' },
        actions => [
            'pending activation -> active'  => { label => 'Activate' },
            'pending activation -> removed' => { label => 'Remove', update => 'Comment' },
            'active -> pending removal'     => { label => 'Ask for removal', update => 'Comment' },
            'active -> removed'             => { label => 'Remove', update => 'Comment' },
            'pending removal -> removed'    => { label => 'Remove' },
            'pending removal -> active'     => { label => 'Keep active', update => 'Comment' },
            'removed -> pending activation' => { label => 'Reactivate', update => 'Comment' },
        ],
    },
);

1;
