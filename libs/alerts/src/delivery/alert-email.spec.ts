import { alertEmail } from './alert-email';

const HUB = 'https://hub.isac.example';

describe('alertEmail', () => {
  it('describes a CLEAR or GREEN object by type and name, with a link to it', () => {
    expect(alertEmail({ watchFilterName: 'Our estate', objectId: 'indicator--1', type: 'indicator', tlp: 'GREEN', name: 'Phishing\r\nBcc: x@evil.example' }, HUB)).toEqual({
      subject: 'Hub alert: Our estate',
      text:
        'A new indicator "Phishing Bcc: x@evil.example" (TLP:GREEN) matched your watch filter "Our estate".\n\nhttps://hub.isac.example/objects/indicator--1\n\n' +
        'You receive this because your watch filter "Our estate" delivers its alerts by e-mail.\n',
    });
  });

  it.each(['AMBER', 'AMBER_STRICT', 'RED'])('says nothing of a %s object but its marking and its link', (tlp) => {
    const mail = alertEmail({ watchFilterName: 'Our estate', objectId: 'malware--2', type: 'malware', tlp, name: 'Secret family' }, HUB);
    expect(mail.text).toContain(`A new TLP:${tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : tlp} object matched your watch filter "Our estate". Sign in to the hub to read it.`);
    expect(mail.text).toContain('https://hub.isac.example/objects/malware--2');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Secret family|malware(?!--2)/);
  });
});
