# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers and addresses: one Odoo partner per person (e-mail), addresses
as typed child contacts."""

from markupsafe import Markup
from stdnum.util import clean

from odoo import _
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create
from odoo.addons.queue_job.exception import FailedJobError

from ...components.importer import job_data
from ...components.mapper import ps_bool, ps_int
from .common import address_key, normalize_email

#: res.partner fields an import may fill on an existing partner, never
#: overwrite (Odoo is the master of customers once they exist).
FILL_ONLY_FIELDS = ("name", "lang", "company_name", "company_registry", "website")

#: e-mail of the GDPR module's anonymous customer (psgdpr), present in every
#: PrestaShop 8 shop
ANONYMOUS_EMAIL = "anonymous@psgdpr.com"

#: fields of a PrestaShop customer its import reads (the mapper above, the
#: order's price display by group): all a job keeps of a customer in its
#: arguments (:func:`~..components.importer.job_data`); the rest (birthday,
#: newsletter consent, password fields...) is left on the shop.  Add a field
#: here when an override maps it.
CUSTOMER_JOB_FIELDS = frozenset(
    {
        "id",
        "email",
        "firstname",
        "lastname",
        "company",
        "siret",
        "website",
        "id_lang",
        "id_default_group",
        "is_guest",
        "active",
        "deleted",
        "date_add",
        "date_upd",
        "associations",
        "id_shop",
        "id_shop_group",
    }
)


#: fields of a PrestaShop address its import reads (the address mapper,
#: VAT number, the customer's job skipping deleted ones): all a customer's
#: job keeps of the addresses the batch attached (``_addresses``).
ADDRESS_JOB_FIELDS = frozenset(
    {
        "id",
        "id_customer",
        "id_country",
        "id_state",
        "alias",
        "company",
        "firstname",
        "lastname",
        "address1",
        "address2",
        "postcode",
        "city",
        "phone",
        "phone_mobile",
        "vat_number",
        "dni",
        "deleted",
        "date_upd",
    }
)


class PartnerImportMapper(Component):
    _name = "prestashop.res.partner.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.res.partner"

    @mapping
    def name(self, record):
        name = " ".join(
            p
            for p in (
                (record.get("firstname") or "").strip(),
                (record.get("lastname") or "").strip(),
            )
            if p
        )
        return {"name": name or (record.get("email") or "").strip()}

    @mapping
    def email(self, record):
        email = (record.get("email") or "").strip()
        return {"email": email, "ps_email": record.get("email")}

    @mapping
    def binding_values(self, record):
        groups = [
            str(g.get("id"))
            for g in (record.get("associations") or {}).get("groups", [])
        ]
        return {
            "is_guest": ps_bool(record.get("is_guest")),
            "ps_group_ids": ",".join(groups),
            "ps_date_upd": record.get("date_upd"),
        }

    @mapping
    def lang(self, record):
        binding = self.binder_for("prestashop.res.lang").to_internal(
            record.get("id_lang")
        )
        lang = binding.odoo_id if binding else None
        return {"lang": lang.code} if lang and lang.active else {}

    @mapping
    def company(self, record):
        """B2B: company name and SIRET (the VAT number comes with the
        addresses)."""
        values = {}
        if (record.get("company") or "").strip():
            values["company_name"] = record["company"].strip()
        if (record.get("siret") or "").strip():
            values["company_registry"] = record["siret"].strip()
        if (record.get("website") or "").strip():
            values["website"] = record["website"].strip()
        return values

    @mapping
    def category_id(self, record):
        groups = (record.get("associations") or {}).get("groups", [])
        group_ids = tuple(sorted({ps_int(g.get("id")) for g in groups} - {0}))
        # the customer's groups, read again from the shop when one is new
        # (made in the shop since the metadata); once per job per set
        names = self.job_cached(
            ("group_names", group_ids),
            lambda: {
                g.prestashop_id: g.name
                for g in self.backend_record._prestashop_customer_groups(group_ids)
            },
            keep=lambda _names: True,  # read again once per job, not per record
        )
        tags = self.env["res.partner.category"]
        # a tag per group name, looked up once per job (lookup_cache)
        cache = getattr(self.work, "lookup_cache", None)
        if cache is None:
            cache = {}
        for group in groups:
            name = names.get(ps_int(group.get("id")))
            if name:
                key = ("partner_tag", name)
                if key not in cache:
                    cache[key] = self.backend_record._prestashop_partner_tag(name).id
                tags |= tags.browse(cache[key])
        return {"category_id": [(4, t.id) for t in tags]} if tags else {}

    @only_create
    @mapping
    def customer_defaults(self, record):
        return {"customer_rank": 1, "type": "contact", "company_id": False}


class PartnerImporter(Component):
    """Import a customer, bound to the partner that has its e-mail.

    Two jobs for the same person (two orders at the same moment, a guest and
    an account with one e-mail) serialise on an advisory lock keyed on the
    normalised e-mail, so the second finds the partner the first made."""

    _name = "prestashop.res.partner.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.res.partner"

    # a partner made by an import has no "Contact created" message nor the
    # importing user (OdooBot) as follower: a third of the job's time with
    # thousands of customers; updates are still tracked
    _create_context = {"tracking_disable": True}

    def _email_lock_name(self, email):
        return f"prestashop-partner-email({self.backend_record.company_id.id},{email})"

    def _import_dependencies(self):
        self._matched_partner = None  # a new run: search again
        email = normalize_email(self.prestashop_record.get("email"))
        emails = self._chunk_emails()
        if email and emails and email in emails:
            # the chunk held the e-mail's lock and looked it up
            self._matched_partner = (email, emails[email])
            if not emails[email] and email in self.chunk_lookup.extra["committed"]:
                self._retry_committed_meanwhile(f"The customer {email}")
        elif email:
            self.advisory_lock_or_retry(self._email_lock_name(email), retry_seconds=5)
            # the lock holder may have just committed this person
            if not self._match_existing(None) and self._emails_taken_meanwhile([email]):
                self._retry_committed_meanwhile(f"The customer {email}")

    def _chunk_emails(self):
        """The e-mails the chunk's look-up answers for (``{e-mail: partner
        or None}``, see ``PartnerBulkImporter._look_up_chunk``), or None."""
        return self.chunk_lookup.extra.get("emails") if self.chunk_lookup else None

    def _partners_by_email(self, emails):
        """``{e-mail: partner}``: for each of ``emails`` (normalised) that
        has one, the partner a customer with it is bound to: the company's
        (or a shared) partner without parent with that e-mail, the first
        made."""
        company = self.backend_record.company_id
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("email_normalized", "in", list(emails)),
                    ("parent_id", "=", False),
                    ("company_id", "in", [company.id, False]),
                ],
                order="id",
            )
        )
        found = {}
        for partner in partners:
            found.setdefault(partner.email_normalized, partner)
        return found

    def _emails_taken_meanwhile(self, emails):
        """Which of ``emails`` (normalised) another transaction gave a
        partner :meth:`_partners_by_email` would find, after this one
        began (a set)."""
        rows = self.committed_meanwhile(
            SQL(
                "SELECT DISTINCT email_normalized FROM res_partner "
                "WHERE email_normalized = ANY(%s) AND parent_id IS NULL "
                "AND (company_id = %s OR company_id IS NULL)",
                list(emails),
                self.backend_record.company_id.id,
            )
        )
        return {row[0] for row in rows}

    def _match_existing(self, map_record):
        """The partner that has the customer's e-mail (the first made), or
        None.  Searched once per import: ``_import_dependencies`` asks
        first, under the e-mail lock, and the flow asks again before the
        creation; nothing this import does in between makes one."""
        email = normalize_email(self.prestashop_record.get("email"))
        if not email:
            return None
        matched = getattr(self, "_matched_partner", None)
        if matched is not None and matched[0] == email:
            return matched[1]
        partner = self._partners_by_email([email]).get(email)
        self._matched_partner = (email, partner)
        return partner

    def _prepare_create(self, data):
        if data.get("odoo_id"):
            partner = self.env["res.partner"].browse(data["odoo_id"])
            if self._names_partner(partner):
                data = self._name_partner_values(partner, data)
            else:
                data = self._keep_odoo_values(partner, data)
        else:  # a new partner, named by this customer
            data = dict(data, names_partner=True, **self._first_address_values())
        return super()._prepare_create(data)

    def _first_address_values(self):
        """The address fields (``res.partner._address_fields``) of the
        customer's first address the batch attached (``_addresses``, not
        deleted), for a new partner: Odoo gives a partner without an address
        that of its first contact (``res.partner._handle_first_contact_creation``),
        a write per partner once the contact is made; created with it, the
        partner needs none.  ``{}`` without addresses (a customer read
        alone: its contact gives it, as in Odoo; in a chunk,
        ``prestashop.address.bulk.importer`` does)."""
        addresses = self._live_addresses()
        if not addresses:
            return {}
        mapper = self.component(usage="import.mapper", model_name="prestashop.address")
        values = mapper.map_record(addresses[0]).values(for_create=True)
        return {
            name: values[name]
            for name in self.env["res.partner"]._address_fields()
            if values.get(name)
        }

    def _live_addresses(self):
        """The customer's addresses the batch attached (``_addresses``),
        without those deleted on the shop, in the batch's order."""
        return [
            address
            for address in self.prestashop_record.get("_addresses") or []
            if not ps_bool(address.get("deleted"))
        ]

    def _bulk_keys(self, values):
        # one partner per e-mail: a second customer with the e-mail of one
        # waiting to be created is imported after it, and finds it
        email = normalize_email(self.prestashop_record.get("email"))
        return super()._bulk_keys(values) + ([("email", email)] if email else [])

    def _is_account(self, record=None):
        """The customer is a registered account (it can log in), not a
        guest checkout."""
        record = self.prestashop_record if record is None else record
        return not ps_bool(record.get("is_guest"))

    def _names_partner(self, partner):
        """Whether this customer gives ``partner`` its name and e-mail.

        One person, one name: the registered account names the partner
        (the first account imported, when there are several); guests attach
        to it without renaming it.  So an account renames a partner only
        when a guest checkout named it (``names_partner``); a partner Odoo
        had before keeps what Odoo says."""
        if not self._is_account():
            return False
        namers = partner.with_context(active_test=False).prestashop_bind_ids.filtered(
            "names_partner"
        )
        return bool(namers) and all(namers.mapped("is_guest"))

    def _name_partner_values(self, partner, data):
        """``data`` for a binding that names ``partner``: the account's name
        and e-mail replace the guest's; the rest is only filled."""
        named = {k: data[k] for k in ("name", "email") if data.get(k)}
        data = self._keep_odoo_values(partner, data)
        data.update(named, names_partner=True)
        return data

    def _update(self, binding, data):
        data = self._keep_odoo_values(binding.odoo_id, data)
        emails = self._chunk_emails()
        if emails and data.get("email"):
            # the partner gets an e-mail it had not (only filled): what the
            # chunk looked up for it is stale, a customer of the chunk with
            # it looks it up alone (under the lock the chunk holds)
            emails.pop(normalize_email(data["email"]), None)
        return super()._update(binding, data)

    def _keep_odoo_values(self, partner, data):
        """Fill what the partner lacks; never overwrite what Odoo has."""
        data = dict(data)
        for field in FILL_ONLY_FIELDS + ("email",):
            if field in data and partner[field]:
                data.pop(field)
        data.pop("customer_rank", None)
        data.pop("type", None)
        data.pop("company_id", None)
        return data


class AddressImportMapper(Component):
    _name = "prestashop.address.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.address"

    @mapping
    def values(self, record):
        name = " ".join(
            p
            for p in (
                (record.get("firstname") or "").strip(),
                (record.get("lastname") or "").strip(),
            )
            if p
        )
        values = {
            "name": name or record.get("alias") or "-",
            "street": record.get("address1") or False,
            "street2": record.get("address2") or False,
            "zip": record.get("postcode") or False,
            "city": record.get("city") or False,
            "phone": record.get("phone") or record.get("phone_mobile") or False,
            "ps_date_upd": record.get("date_upd"),
        }
        if "mobile" in self.env["res.partner"]._fields:
            values["mobile"] = record.get("phone_mobile") or False
        if (record.get("company") or "").strip():
            values["company_name"] = record["company"].strip()
        country = self.binder_for("prestashop.res.country").to_internal(
            record.get("id_country")
        )
        values["country_id"] = country.odoo_id.id if country else False
        state = self.binder_for("prestashop.res.country.state").to_internal(
            record.get("id_state")
        )
        values["state_id"] = state.odoo_id.id if state else False
        return values


class AddressImporter(Component):
    """Import an address as a child contact of its customer's partner.

    ``self.address_type`` (``invoice``/``delivery``), when the order
    import sets it, types a new contact.  A known address id is updated; an
    address PrestaShop copied after an edit (new id) that is the same place
    is bound to the existing contact, a different one adds a contact."""

    _name = "prestashop.address.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.address"

    _create_context = {"tracking_disable": True}  # as the customer's

    def _customer_binding(self):
        """The binding of the address's customer (empty until imported);
        looked up once per import once found (the flow asks three times)."""
        customer_id = self.prestashop_record.get("id_customer")
        found = getattr(self, "_found_customer", None)
        if found is not None and found[0] == customer_id:
            return found[1]
        binding = self._chunk_customers().get(ps_int(customer_id))
        if not binding:
            binding = self.binder_for("prestashop.res.partner").to_internal(customer_id)
        if binding:
            self._found_customer = (customer_id, binding)
        return binding

    def _chunk_customers(self):
        """The customers' bindings the chunk's look-up found (``{customer
        id: binding}``, see ``AddressBulkImporter``), or ``{}``."""
        return (self.chunk_lookup and self.chunk_lookup.extra.get("customers")) or {}

    def _import_dependencies(self):
        self._found_customer = None  # a new run: look up again
        if not self._customer_binding():
            customer = getattr(self, "customer_data", None)
            importer = self.component(
                usage="record.importer", model_name="prestashop.res.partner"
            )
            cid = ps_int(self.prestashop_record.get("id_customer"))
            if not cid:
                raise FailedJobError(
                    _(
                        "PrestaShop address %s belongs to no customer; it cannot be "
                        "imported as a contact.",
                        self.external_id,
                    )
                )
            importer.run(
                cid,
                data=customer
                if customer and ps_int(customer.get("id")) == cid
                else None,
            )

    def _key(self, values):
        country = self.env["res.country"].browse(values.get("country_id"))
        return address_key(
            values.get("name"),
            values.get("street"),
            values.get("street2"),
            values.get("zip"),
            values.get("city"),
            country.code,
        )

    def _match_existing(self, map_record):
        parent = self._customer_binding().odoo_id
        values = map_record.values()
        key = self._key(values)
        for child in parent.child_ids.with_context(active_test=False):
            if (
                self._key(
                    {
                        "name": child.name,
                        "street": child.street,
                        "street2": child.street2,
                        "zip": child.zip,
                        "city": child.city,
                        "country_id": child.country_id.id,
                    }
                )
                == key
            ):
                return child
        return None

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        customer = self._customer_binding()
        values.update(
            {
                "parent_id": customer.odoo_id.id,
                # the customer's language, as Odoo gives a new contact its
                # parent's (``_onchange_parent_id_for_lang``): created
                # through its binding, the contact would get the default
                # (the importing user's) instead
                "lang": customer.odoo_id.lang or self.env.lang,
                "prestashop_partner_id": customer.id,
                "type": getattr(self, "address_type", None) or "delivery",
            }
        )
        return values

    def _prepare_create(self, data):
        if data.get("odoo_id"):
            # an existing contact: keep it, only bind it
            data = {
                k: v
                for k, v in data.items()
                if k
                in ("odoo_id", "backend_id", "prestashop_partner_id", "ps_date_upd")
            }
        return super()._prepare_create(data)

    def _bulk_keys(self, values):
        # the same place twice for one partner is one contact: the second
        # is imported after the first is created, and bound to it (keyed
        # on the Odoo partner: a guest checkout and the account of one
        # person are two customers of one partner)
        return super()._bulk_keys(values) + [
            ("address", values.get("parent_id"), self._key(values))
        ]

    def _update(self, binding, data):
        if binding.ps_date_upd and binding.ps_date_upd == data.get("ps_date_upd"):
            return None  # unchanged since the last import
        return super()._update(binding, data)

    def _after_import(self, binding):
        record = self.prestashop_record
        vat = (record.get("vat_number") or "").strip()
        # Many Spanish and Italian companies give their tax id as the
        # identification number (dni) and leave the VAT number empty.
        from_dni = not vat
        if from_dni:
            vat = (record.get("dni") or "").strip()
        commercial = binding.odoo_id.parent_id or binding.odoo_id
        if vat and not commercial.vat:
            # a private person's dni is an identity number (Italian codice
            # fiscale, passport), not a VAT number: one Odoo refuses is
            # nothing to report; a company's is its tax id
            report = not from_dni or bool((record.get("company") or "").strip())
            self._set_vat(commercial, vat, binding.odoo_id.country_id, report=report)

    def _vat_with_prefix(self, number, country):
        """``number`` (an address's ``vat_number`` or ``dni``, as typed) the
        way ``base_vat`` stores it: spaces, dots and dashes removed,
        upper case, and for an EU ``country`` (``res.country``, may be
        empty) the country's VAT prefix in front (``ESB12345674``; ``EL``
        for Greece), as ``res.partner.fix_eu_vat_number`` does; a number
        that already starts with it is left as is.  A number valid with its
        own country prefix (a French company's ``FR...`` number on a
        Spanish address) keeps it.  Outside the EU the number is only
        compacted: local tax ids (Mexican RFC, Swiss UID) are stored
        without a prefix there and ``base_vat`` checks them against the
        country.  Returns ``""`` when nothing is left."""
        Partner = self.env["res.partner"]
        vat = clean(number, " -.").strip().upper()
        if (
            not vat
            or not country
            or country not in self.env.ref("base.europe").country_ids
        ):
            return vat
        prefixed = Partner.fix_eu_vat_number(country.id, vat)
        if prefixed != vat and Partner._run_vat_test(vat, self.env["res.country"]):
            return vat
        return prefixed

    def _set_vat(self, partner, number, country, report=True):
        """Give ``partner`` the address's VAT number ``number`` (as typed),
        prefixed by ``_vat_with_prefix`` for the address's ``country``.

        One Odoo refuses (``base_vat``'s check, run against the address's
        country since the customer has none: the GDPR anonymous customer's
        ``0000``, a typo) never fails the import: when ``report``, it is
        kept in a note on the partner and a "To Do" activity asks to check
        it (once: not again for a number already noted, nor while one is
        open).  No VIES request is made: that is ``base_vat``'s
        ``vat_check_vies`` company setting, off by default."""
        Partner = self.env["res.partner"]
        vat = self._vat_with_prefix(number, country)
        if not vat:
            return
        reason = None
        if Partner._run_vat_test(vat, country, partner.is_company) is False:
            reason = Partner._build_vat_error_message(
                country.code.lower() if country else None, vat, partner.display_name
            )
        else:
            try:
                with self.env.cr.savepoint():
                    partner.write({"vat": vat})
                    # fields computed from the VAT number (account_edi's
                    # Peppol identifiers) computed now, under the import's
                    # context: no tracking message on an imported partner
                    # (flushed later, any environment may compute them)
                    partner.flush_recordset()
            except ValidationError as err:
                reason = err.args[0] if err.args else str(err)
        if reason and report:
            self._report_refused_vat(partner, vat, reason)

    def _report_refused_vat(self, partner, vat, reason):
        """Note and activity on ``partner`` for the refused ``vat``
        (``reason``: ``base_vat``'s message)."""
        noted = self.env["mail.message"].search_count(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("body", "ilike", vat),
            ],
            limit=1,
        )
        if noted:  # an earlier import of this address already said it
            return
        message = _(
            "VAT number %(vat)s of the PrestaShop address %(address)s was "
            "not kept: %(reason)s",
            vat=vat,
            address=self.external_id,
            reason=reason,
        )
        partner.message_post(body=message)
        if partner.email_normalized == ANONYMOUS_EMAIL:
            return  # the GDPR module's placeholder: nothing to fix
        summary = _("Check the VAT number")
        todo = self.env.ref("mail.mail_activity_data_todo")
        if not partner.activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.summary == summary
        ):
            partner.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                # the number as typed, as text (an Html field)
                note=Markup("<br>").join(message.splitlines()),
                user_id=self._activity_user(partner).id,
            )

    def _activity_user(self, partner):
        """Who checks ``partner``'s VAT number: its salesperson, else the
        one who set the backend up (imports run as the superuser, OdooBot,
        whose activities nobody sees: see ``_import_backend``)."""
        for user in (partner.user_id, self.env.user, self.backend_record.create_uid):
            if user.active and not user._is_superuser() and user._is_internal():
                return user
        return self.env.user


class PartnerAddressesAfterImport(Component):
    """With the initial migration, a customer's job also gets its addresses
    (``_addresses``, read in batch) and imports them; in a chunk of
    customers (``address_sink``, a list, set by the customers' bulk
    importer) it hands them over, and they are imported together after the
    chunk's customers."""

    _inherit = "prestashop.res.partner.importer"

    #: None: import the addresses here; a list: append them to it
    address_sink = None

    def _after_import(self, binding):
        result = super()._after_import(binding)
        addresses = self._live_addresses()
        if self.address_sink is not None:
            self.address_sink.extend(addresses)
            return result
        for address in addresses:
            importer = self.component(
                usage="record.importer", model_name="prestashop.address"
            )
            importer.run(address["id"], data=address)
        return result


class PartnerBulkImporter(Component):
    """A chunk of customers (``import_records``): the customers, created
    together, then all their addresses, created together."""

    _name = "prestashop.res.partner.bulk.importer"
    _inherit = "prestashop.bulk.importer"
    _apply_on = "prestashop.res.partner"

    def run(self, records):
        self._addresses = []
        summary = super().run(records)
        # a customer imported again after its chunk's create was rolled
        # back handed its addresses twice: once each
        addresses = list({a["id"]: a for a in self._addresses}.values())
        if addresses:
            addresses = self.component(
                usage="bulk.importer", model_name="prestashop.address"
            ).run(addresses)
            summary = f"{summary}. Addresses: {addresses}"
        return summary

    def _record_importer(self):
        importer = super()._record_importer()
        importer.address_sink = self._addresses
        return importer

    def _look_up_chunk(self, records):
        """Also the partners of the chunk's e-mails, as each customer's
        import looks its e-mail up (``_match_existing``: the first partner
        of the company with it, no parent), under their locks: ``extra``
        ``emails`` (``{e-mail: partner or None}``) and ``committed`` (the
        e-mails another transaction gave a partner meanwhile)."""
        lookup = super()._look_up_chunk(records)
        importer = self._record_importer()
        emails = {}
        for record in records:
            email = normalize_email(record.get("email"))
            if (
                email
                and email not in emails
                # a customer left out (its lock held by another job) leaves
                # its e-mail to that job
                and ps_int(record.get("id")) in lookup.checked
                and importer.try_advisory_lock(importer._email_lock_name(email))
            ):
                emails[email] = None
        lookup.extra.update(emails=emails, committed=set())
        if not emails:
            return lookup
        emails.update(importer._partners_by_email(emails))
        unmatched = [email for email, partner in emails.items() if not partner]
        if unmatched:
            lookup.extra["committed"] = importer._emails_taken_meanwhile(unmatched)
        return lookup


class AddressBulkImporter(Component):
    """A chunk of addresses (their customers' chunk hands them over): the
    look-up of the chunk also finds the bindings of their customers at once
    (``extra`` ``customers``: ``{customer id: binding}``, those bound; a
    customer not bound yet is looked up, and imported, by its address's
    import), their partners read together (their contacts, which an address
    is matched with)."""

    _name = "prestashop.address.bulk.importer"
    _inherit = "prestashop.bulk.importer"
    _apply_on = "prestashop.address"

    def _look_up_chunk(self, records):
        lookup = super()._look_up_chunk(records)
        ids = {ps_int(record.get("id_customer")) for record in records} - {0}
        lookup.extra["customers"] = self.binder_for(
            "prestashop.res.partner"
        ).to_internal_many(ids)
        return lookup

    def _create_bindings(self, context, items):
        """The contacts created as Odoo's own import of records creates
        partners (``res.partner._load_records_create``, Odoo 18
        ``odoo/addons/base/models/res_partner.py``): ``create`` without
        the per-contact sync (context ``_partners_skip_fields_sync``), then
        :meth:`_sync_new_contacts` for all of them.  A contact created alone
        costs a write of its customer's commercial fields, a third of its
        creation."""
        bindings = super()._create_bindings(
            dict(context, _partners_skip_fields_sync=True), items
        )
        # an address bound to a contact Odoo had (``odoo_id``) leaves it as
        # it is: only the contacts created here are synced
        created = [
            (binding.odoo_id.id, values)
            for binding, (_importer, _record, values) in zip(
                bindings, items, strict=True
            )
            if not values.get("odoo_id")
        ]
        if created:
            # under the creation's context (no tracking), as Odoo syncs a
            # contact inside its ``create``
            self._sync_new_contacts(
                bindings.odoo_id.browse([pid for pid, _values in created]),
                [values for _pid, values in created],
            )
        # a partner created later in the job is synced again
        return bindings.with_context(_partners_skip_fields_sync=False)

    def _sync_new_contacts(self, partners, vals_list):
        """Do for ``partners`` (new contacts, in the order of
        ``vals_list``, their creation values) what ``res.partner.create``
        does after creating each (``_fields_sync``,
        ``_handle_first_contact_creation``): the commercial fields of each
        one's commercial partner (in every company for the
        company-dependent ones, ``_company_dependent_commercial_sync``),
        written with one write per distinct set of values (new customers
        share theirs: no VAT number yet, the default pricelist); a
        ``contact`` takes its parent's address, a parent without one its
        first contact's (:meth:`_give_parents_first_address`)."""
        partners = partners.sudo()  # as Odoo syncs
        children = partners.filtered(lambda p: p.commercial_partner_id != p)
        self._write_grouped(
            children,
            lambda p: p.commercial_partner_id._update_fields_values(
                p._commercial_fields()
            ),
        )
        shared = partners._company_dependent_commercial_fields()
        if shared and children:
            for company in self.env["res.company"].sudo().search([]):
                if company == partners.env.company:
                    continue  # written above
                self._write_grouped(
                    children.with_company(company),
                    lambda p, shared=shared: (
                        p.commercial_partner_id._update_fields_values(shared)
                    ),
                )
        for partner, values in zip(partners, vals_list, strict=True):
            if partner.parent_id and partner.type == "contact":
                partner.update_address(partner.onchange_parent_id().get("value", {}))
            partner._children_sync(values)
        self._give_parents_first_address(partners)

    def _give_parents_first_address(self, partners):
        """A parent without an address and without contacts before
        ``partners`` (new contacts, in creation order) takes the address of
        its first one, as Odoo gives it that of its first contact when they
        are created one by one (``res.partner._handle_first_contact_creation``,
        which, after a ``create`` of several, sees more than one contact and
        gives none)."""
        fnames = partners._address_fields()
        firsts = {}
        for partner in partners:
            firsts.setdefault(partner.parent_id, partner)
        for parent, partner in firsts.items():
            if (
                parent
                and not (parent.child_ids - partners)
                and (parent.is_company or not parent.parent_id)
                and any(partner[name] for name in fnames)
                and not any(parent[name] for name in fnames)
            ):
                parent.update_address(partner._update_fields_values(fnames))

    @staticmethod
    def _write_grouped(records, values_of):
        """Write ``values_of(record)`` (a dict of write values) on each of
        ``records``, one ``write`` per distinct dict."""
        groups = {}
        for record in records:
            values = values_of(record)
            key = repr(sorted(values.items()))
            groups.setdefault(key, (values, []))[1].append(record.id)
        for values, ids in groups.values():
            records.browse(ids).write(values)


class PartnerBatchImporter(Component):
    """Initial migration of customers: a page of customers and their
    addresses in 2 requests, then one job per chunk of customers
    (``_chunk_size``)."""

    _name = "prestashop.res.partner.batch.importer"
    _inherit = "prestashop.delayed.batch.importer"
    _apply_on = "prestashop.res.partner"

    _anonymous_email = ANONYMOUS_EMAIL
    # thousands of customers: created 25 at a time (a customer and its
    # addresses cost about a third of what they cost alone)
    _chunk_size = 25
    # the customer's job keeps what the customer import reads, not the
    # birthday, newsletter consent and password fields PrestaShop sends
    _job_fields = CUSTOMER_JOB_FIELDS

    def _job_data(self, record):
        data = super()._job_data(record)
        if "_addresses" in data:
            data["_addresses"] = [
                job_data(address, keep=ADDRESS_JOB_FIELDS)
                for address in data["_addresses"]
            ]
        return data

    def _chunk_description(self, chunk, ids):
        return _(
            "Import PrestaShop customers %(first)s to %(last)s (%(count)s)",
            first=ids[0],
            last=ids[-1],
            count=len(chunk),
        )

    def _leave_out(self, record):
        """Whether the migration leaves this customer out: the anonymous
        customer, unless the backend imports it (its orders import it
        anyway, through the order import)."""
        return (
            normalize_email(record.get("email")) == self._anonymous_email
            and not self.backend_record.import_anonymous_customer
        )

    def _read_addresses(self, address_adapter, page):
        """Addresses of the customers of ``page``, in one request.  A page
        of the whole customer list holds consecutive ids: their addresses
        are read by id range (``filter[id_customer]=[first,last]``, SQL
        ``BETWEEN``, a short URL and a range scan of the shop's
        ``id_customer`` index) rather than by a list of 500 ids (an
        ``OR`` of 500 terms); a page of scattered ids (a filtered batch)
        falls back to the list.  Addresses of customers not in the page
        are dropped by the caller (it groups by customer)."""
        ids = sorted({ps_int(c["id"]) for c in page} - {0})
        if not ids:
            return []
        if ids[-1] - ids[0] < 2 * len(ids):
            return address_adapter.search_read(
                {"filter[id_customer]": f"[{ids[0]},{ids[-1]}]"}
            )
        return address_adapter.read_for_customers(ids)

    def run(self, filters=None):
        """The first page of the customers (``filters``: webservice
        filters), which queues the next page's job (:meth:`run_page`)."""
        self.backend_record._prestashop_group_names()  # once, then kept
        return self.run_page(self._page_params(filters), 0)

    def run_page(self, filters, offset):
        """One page of customers from ``offset`` and their addresses (2
        requests), queued a chunk per job; a full page queues the job of
        the next.  Returns the number of customers queued."""
        adapter = self.backend_adapter
        address_adapter = self.component(
            usage="backend.adapter", model_name="prestashop.address"
        )
        page = adapter.search_read(filters, limit=adapter._page_size, offset=offset)
        addresses = self._read_addresses(address_adapter, page)
        by_customer = {}
        for address in addresses:
            by_customer.setdefault(ps_int(address.get("id_customer")), []).append(
                address
            )
        count = 0
        for record in page:
            if self._leave_out(record):
                continue
            record["_addresses"] = by_customer.get(ps_int(record["id"]), [])
            self._import_record(record)
            count += 1
        self._queue_chunk()
        if len(page) >= adapter._page_size:
            self._queue_page(filters, offset + adapter._page_size)
        return count
