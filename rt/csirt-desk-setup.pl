#!/usr/bin/perl
# CSIRT Desk: prepares an RT 5 for the application (docs/rt.md). Run by the RT administrator, as a user that can
# read RT's configuration, on the RT host:
#
#   perl -I/usr/share/request-tracker5/lib rt/csirt-desk-setup.pl [--user csirt-desk] [--password SECRET] [--token]
#        [--queue-prefix PREFIX]
#
# Idempotent: it creates only what is missing and says, line by line, what it created and what already existed.
# On an RT with RT-IR the four queues exist already: they keep their lifecycles, and nothing of theirs is changed.
# It creates:
#   - the queues Incident Reports, Incidents, Investigations, Countermeasures (with PREFIX before each name), a new
#     queue set to its lifecycle from rt/RT_SiteConfig.d/csirt-desk.pm (which must be installed first);
#   - the single-value freeform ticket custom fields Site, CVE, TLP, EGI Tag, CSIRT Desk Ticket, applied to the
#     four queues;
#   - the user (privileged), with the rights the application needs on the four queues;
#   - for rt-mailgate: CreateTicket, ReplyToTicket, CommentOnTicket for the group Everyone on the four queues;
#   - no autoreply of RT to the requestors of a new ticket in the four queues (the application writes its own letter);
#   - with --token, a new auth token of the user, printed as token=<string> (RT keeps only its hash: each run with
#     --token makes another one).
# Exits non-zero with RT's message when something fails.
use strict;
use warnings;

use Getopt::Long;

my $user_name    = 'csirt-desk';
my $password;
my $make_token   = 0;
my $queue_prefix = '';
GetOptions(
    'user=s'         => \$user_name,
    'password=s'     => \$password,
    'token'          => \$make_token,
    'queue-prefix=s' => \$queue_prefix,
) or die "usage: $0 [--user NAME] [--password SECRET] [--token] [--queue-prefix PREFIX]\n";

use RT;
RT::LoadConfig();
RT::Init();

# Queue name (without prefix) => the lifecycle a new queue gets, and the statuses the application needs in it.
my @QUEUES = (
    [ 'Incident Reports', 'incident_reports', [ 'new', 'open', 'resolved', 'rejected' ] ],
    [ 'Incidents',        'incidents',        [ 'open', 'resolved', 'abandoned' ] ],
    [ 'Investigations',   'investigations',   [ 'open', 'resolved' ] ],
    [ 'Countermeasures',  'countermeasures',  [ 'pending activation', 'active', 'pending removal', 'removed' ] ],
);

my @CUSTOM_FIELDS = (
    [ 'Site',              'GOCDB site name' ],
    [ 'CVE',               'Vulnerability identifier' ],
    [ 'TLP',               'Traffic Light Protocol level' ],
    [ 'EGI Tag',           'EGI CSIRT incident tag' ],
    [ 'CSIRT Desk Ticket', "CSIRT Desk's own ticket id (its idempotency key)" ],
);

# What the application does in its queues: read and write tickets, correspond and comment, set custom fields,
# own tickets and link them (links need ModifyTicket on both tickets); ShowOutgoingEmail, so that no page of a
# ticket's history is hidden from it (a history read stops at the first empty page).
my @USER_RIGHTS = qw(
    SeeQueue ShowTicket CreateTicket ModifyTicket ReplyToTicket CommentOnTicket ShowTicketComments
    Watch WatchAsAdminCc OwnTicket SeeCustomField ModifyCustomField SetInitialCustomField ShowOutgoingEmail
);

# What rt-mailgate needs to file mail from any address, known or not: a new ticket, a reply, a comment.
my @MAILGATE_RIGHTS = qw(CreateTicket ReplyToTicket CommentOnTicket);

my $system = RT->SystemUser;

sub say_line { print join( '', @_ ), "\n" }

sub fail {
    my ( $what, $message ) = @_;
    print STDERR "failed: $what: " . ( $message // 'unknown error' ) . "\n";
    exit 1;
}

my @queues;
for my $definition (@QUEUES) {
    my ( $base_name, $lifecycle, $statuses ) = @$definition;
    my $name  = $queue_prefix . $base_name;
    my $queue = RT::Queue->new($system);
    $queue->Load($name);
    if ( $queue->id ) {
        say_line( "exists: queue '$name' (lifecycle ", $queue->Lifecycle, ')' );
        my @missing = grep { !$queue->LifecycleObj->IsValid($_) } @$statuses;
        say_line( "warning: queue '$name' lifecycle ", $queue->Lifecycle, ' lacks the statuses: ',
            join( ', ', map {"'$_'"} @missing ) )
            if @missing;
    }
    else {
        fail( "queue '$name'",
            "lifecycle '$lifecycle' is not in RT's configuration: install rt/RT_SiteConfig.d/csirt-desk.pm and "
                . 'restart RT first' )
            unless RT::Lifecycle->new->Load( Name => $lifecycle, Type => 'ticket' );
        my ( $id, $message ) = $queue->Create(
            Name        => $name,
            Description => "RT-IR's $base_name, for CSIRT Desk",
            Lifecycle   => $lifecycle,
        );
        fail( "queue '$name'", $message ) unless $id;
        say_line("created: queue '$name' (lifecycle $lifecycle)");
    }
    push @queues, $queue;
}

for my $definition (@CUSTOM_FIELDS) {
    my ( $name, $description ) = @$definition;
    my $field = RT::CustomField->new($system);
    $field->LoadByName(
        Name            => $name,
        LookupType      => RT::Ticket->CustomFieldLookupType,
        IncludeDisabled => 0,
    );
    if ( $field->id ) {
        say_line("exists: custom field '$name'");
    }
    else {
        my ( $id, $message ) = $field->Create(
            Name        => $name,
            Description => $description,
            Type        => 'Freeform',
            MaxValues   => 1,
            LookupType  => RT::Ticket->CustomFieldLookupType,
        );
        fail( "custom field '$name'", $message ) unless $id;
        say_line("created: custom field '$name' (single value, freeform)");
    }
    for my $queue (@queues) {
        if ( $field->IsGlobal || $field->IsAdded( $queue->id ) ) {
            say_line( "exists: custom field '$name' on queue '", $queue->Name, "'" );
            next;
        }
        my ( $ok, $message ) = $field->AddToObject($queue);
        fail( "custom field '$name' on queue '" . $queue->Name . "'", $message ) unless $ok;
        say_line( "created: custom field '$name' on queue '", $queue->Name, "'" );
    }
}

my $user = RT::User->new($system);
$user->Load($user_name);
if ( $user->id ) {
    say_line("exists: user '$user_name'");
    unless ( $user->Privileged ) {
        my ( $ok, $message ) = $user->SetPrivileged(1);
        fail( "user '$user_name' privileged", $message ) unless $ok;
        say_line("changed: user '$user_name' made privileged");
    }
    if ( defined $password ) {
        if ( $user->IsPassword($password) ) {
            say_line("exists: password of '$user_name'");
        }
        else {
            my ( $ok, $message ) = $user->SetPassword($password);
            fail( "password of '$user_name'", $message ) unless $ok;
            say_line("changed: password of '$user_name'");
        }
    }
}
else {
    my ( $id, $message ) = $user->Create(
        Name       => $user_name,
        RealName   => $user_name eq 'csirt-desk' ? 'CSIRT Desk' : $user_name,
        Privileged => 1,
        defined $password ? ( Password => $password ) : (),
    );
    fail( "user '$user_name'", $message ) unless $id;
    say_line("created: user '$user_name' (privileged)");
}

sub grant {
    my ( $principal, $who, $right, $queue ) = @_;
    my $ace = RT::ACE->new($system);
    $ace->LoadByValues(
        PrincipalId   => $principal->id,
        PrincipalType => $principal->PrincipalType,
        RightName     => $right,
        Object        => $queue,
    );
    if ( $ace->id ) {
        say_line( "exists: right $right for $who on queue '", $queue->Name, "'" );
        return;
    }
    my ( $ok, $message ) = $principal->GrantRight( Right => $right, Object => $queue );
    fail( "right $right for $who on queue '" . $queue->Name . "'", $message ) unless $ok;
    say_line( "created: right $right for $who on queue '", $queue->Name, "'" );
}

my $everyone = RT::Group->new($system);
$everyone->LoadSystemInternalGroup('Everyone');
fail( 'group Everyone', 'not found' ) unless $everyone->id;

for my $queue (@queues) {
    grant( $user->PrincipalObj, "user '$user_name'", $_, $queue ) for @USER_RIGHTS;
    grant( $everyone->PrincipalObj, 'group Everyone', $_, $queue ) for @MAILGATE_RIGHTS;
}

# RT's autoreply (the scrip "On Create Autoreply To Requestors") would mail the sites RT's own notice of every ticket
# the application opens, beside the application's letter. It is kept for every other queue, not for these four; a
# queue made later gets it from its administrator.
my $autoreply = RT::Scrip->new($system);
$autoreply->LoadByCols( Description => 'On Create Autoreply To Requestors' );
if ( $autoreply->id ) {
    my %ours = map { $_->id => 1 } @queues;
    if ( $autoreply->IsGlobal ) {
        my $all = RT::Queues->new($system);
        $all->UnLimit;
        my @others = grep { !$ours{$_} } map { $_->id } @{ $all->ItemsArrayRef };
        my ( $ok, $message ) = $autoreply->RemoveFromObject(0);
        fail( "scrip 'On Create Autoreply To Requestors' taken off globally", $message ) unless $ok;
        for my $id (@others) {
            my ( $added, $why ) = $autoreply->AddToObject($id);
            fail( "scrip 'On Create Autoreply To Requestors' on queue $id", $why ) unless $added;
        }
        say_line("changed: scrip 'On Create Autoreply To Requestors' applies to the other queues only");
    }
    for my $queue (@queues) {
        if ( $autoreply->IsAdded( $queue->id ) ) {
            my ( $ok, $message ) = $autoreply->RemoveFromObject( $queue->id );
            fail( "no autoreply in queue '" . $queue->Name . "'", $message ) unless $ok;
            say_line( "changed: no autoreply in queue '", $queue->Name, "'" );
        }
        else {
            say_line( "exists: no autoreply in queue '", $queue->Name, "'" );
        }
    }
}

if ($make_token) {
    my $token = RT::AuthToken->new($system);
    my ( $id, $message, $authstring ) = $token->Create(
        Owner       => $user->id,
        Description => 'CSIRT Desk',
    );
    fail( "auth token of '$user_name'", $message ) unless $id;
    say_line("created: auth token of '$user_name'");
    say_line("token=$authstring");
}

exit 0;
