package org.csirtdesk.mail.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmtpTest {

    @Test
    @DisplayName("a 5xx answer to a recipient is permanent, and the reason names the address")
    void fiveHundredsArePermanent() throws AddressException {
        Address refused = new InternetAddress("gone@site.example");
        SendFailedException failure = new SendFailedException(
                "Invalid Addresses",
                new MessagingException("550 5.1.1 <gone@site.example>: Recipient address rejected: User unknown"),
                new Address[0],
                new Address[0],
                new Address[] {refused});
        Smtp.Failure classified = Smtp.classify(failure);
        assertThat(classified.permanent()).isTrue();
        assertThat(classified.reason()).contains("550 5.1.1", "gone@site.example");
    }

    @Test
    @DisplayName("a 4xx answer, a refused connection or a timeout passes: the message is tried again")
    void passingFailures() {
        assertThat(Smtp.classify(new MessagingException("451 4.3.0 Temporary lookup failure"))
                        .permanent())
                .isFalse();
        assertThat(Smtp.classify(new MessagingException(
                                "Couldn't connect to host, port: 127.0.0.1, 2525; timeout -1",
                                new ConnectException("Connection refused")))
                        .permanent())
                .isFalse();
        assertThat(Smtp.classify(new MessagingException(
                                "Exception reading response", new java.net.SocketTimeoutException("Read timed out")))
                        .reason())
                .contains("Read timed out");
    }

    @Test
    @DisplayName("refused credentials are the operator's to fix, not the message's fault: tried again")
    void credentialsPass() {
        assertThat(Smtp.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"))
                        .permanent())
                .isFalse();
    }

    @Test
    @DisplayName("an address that is not one is permanent")
    void invalidAddressPermanent() {
        Smtp.Failure classified = Smtp.classify(new AddressException("Missing final '@domain'", "root"));
        assertThat(classified.permanent()).isTrue();
        assertThat(classified.reason()).startsWith("invalid address");
    }
}
